import type { z } from 'zod';
import type { ErrorDetail } from './api-error.ts';

/** Renders a zod path as `questions[12].indicator`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function thaiMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 only carries `input` with reportInput, so read "received undefined" off the message.
      return /received undefined/.test(issue.message)
        ? 'จำเป็นต้องระบุ'
        : `ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น ${issue.expected})`;
    case 'too_small':
      return issue.origin === 'string'
        ? `ต้องมีความยาวอย่างน้อย ${issue.minimum} ตัวอักษร`
        : `ต้องมีค่าอย่างน้อย ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `ต้องมีไม่เกิน ${issue.maximum} รายการ`;
      return issue.origin === 'string'
        ? `ต้องมีความยาวไม่เกิน ${issue.maximum} ตัวอักษร`
        : `ต้องมีค่าไม่เกิน ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'รูปแบบอีเมลไม่ถูกต้อง' : `รูปแบบไม่ถูกต้อง (${issue.format})`;
    case 'invalid_value':
      return `ค่าไม่ถูกต้อง ต้องเป็นหนึ่งใน: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `มีฟิลด์ที่ไม่รู้จัก: ${issue.keys.join(', ')}`;
    case 'custom':
      // A refinement may carry its Thai message as `params.th`.
      return typeof issue.params?.th === 'string' ? issue.params.th : 'ข้อมูลไม่ถูกต้อง';
    default:
      return 'ข้อมูลไม่ถูกต้อง';
  }
}

/** Turns zod issues into API error details with a Thai and an English message each. */
export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message_th: thaiMessage(issue),
    message_en: issue.message,
  }));
}
