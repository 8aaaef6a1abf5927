import type { z } from 'zod';
import { formatIssuePath } from '#shared/http/validation-messages.ts';
import { type EditionError, editionError } from './edition-error.ts';

function thaiMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'จำเป็นต้องระบุ' : `ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น ${issue.expected})`;
    case 'too_small':
      return issue.origin === 'array'
        ? `ต้องมีอย่างน้อย ${issue.minimum} รายการ`
        : issue.origin === 'string'
          ? `ต้องมีความยาวอย่างน้อย ${issue.minimum} ตัวอักษร`
          : `ต้องมีค่าอย่างน้อย ${issue.minimum}`;
    case 'too_big':
      return `ต้องมีค่าไม่เกิน ${issue.maximum}`;
    case 'invalid_format':
      return `รูปแบบไม่ถูกต้อง (${issue.message})`;
    case 'invalid_value':
      return `ค่าไม่ถูกต้อง ต้องเป็นหนึ่งใน: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'ค่าไม่ตรงกับรูปแบบที่อนุญาต';
    default:
      return `ข้อมูลไม่ถูกต้อง (${issue.message})`;
  }
}

/** Zod issues as edition errors; an unknown field becomes one error per field, at the field's own path. */
export function zodIssuesToEditionErrors(issues: readonly z.core.$ZodIssue[]): EditionError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        editionError(formatIssuePath([...issue.path, key]), `unknown field '${key}'`, `ไม่รู้จักฟิลด์ '${key}'`),
      );
    }
    return [editionError(formatIssuePath(issue.path), issue.message, thaiMessage(issue))];
  });
}
