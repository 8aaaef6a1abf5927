import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldError, FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ErrorDetail } from '#shared/http/api-error.ts';
import { zodIssuesToDetails } from '#shared/http/validation-messages.ts';
import { ApiRequestError } from './api.ts';
import { i18n, useLang } from './i18n/index.ts';

/**
 * A field error holds its message in both languages, so that switching the language re-renders it
 * translated: `message` is the JSON of `{ th, en }` (see errorText).
 */
const MARK = '\u0001';

export function encodeMessage(th: string, en: string): string {
  return MARK + JSON.stringify({ th, en });
}

function decodeMessage(message: string, lang: 'th' | 'en'): string {
  if (!message.startsWith(MARK)) return message;
  try {
    const pair = JSON.parse(message.slice(MARK.length)) as { th: string; en: string };
    return pair[lang];
  } catch {
    return message;
  }
}

/** Returns the text of a field error in the current language. */
export function useErrorText() {
  const lang = useLang();
  const { t } = useTranslation();
  return (error: { message?: string; type?: string } | undefined): string | undefined => {
    if (!error) return undefined;
    if (error.message) return decodeMessage(error.message, lang);
    return t('form.invalid');
  };
}

function bilingualIssue(issue: z.core.$ZodRawIssue): string {
  const english = z.config().localeError?.(issue);
  const en = typeof english === 'string' ? english : (english?.message ?? 'Invalid input');
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
    return encodeMessage('จำเป็นต้องระบุ', 'Required');
  }
  const [detail] = zodIssuesToDetails([
    { ...issue, path: issue.path ?? [], message: en } as z.core.$ZodIssue,
  ]);
  return encodeMessage(detail?.message_th ?? 'ข้อมูลไม่ถูกต้อง', en);
}

/** Messages the shared schemas spell out themselves (in English), with their translation key. */
const SCHEMA_MESSAGES = {
  'Code may contain letters, digits, dot, dash and underscore': 'validation.codeFormat',
  'Password must be at least 10 characters': 'validation.passwordLength',
  'Password must contain letters and digits': 'validation.passwordMix',
} as const;

function translateSchemaMessages(errors: FieldErrors): FieldErrors {
  for (const error of Object.values(errors)) {
    if (!error || typeof error !== 'object') continue;
    const message = (error as FieldError).message;
    if (typeof message === 'string' && !message.startsWith(MARK)) {
      const key = SCHEMA_MESSAGES[message as keyof typeof SCHEMA_MESSAGES];
      (error as FieldError).message = encodeMessage(
        key ? i18n.getFixedT('th')(key) : message,
        key ? i18n.getFixedT('en')(key) : message,
      );
    } else if (!('message' in error)) {
      translateSchemaMessages(error as FieldErrors);
    }
  }
  return errors;
}

/**
 * zodResolver over one of the shared request schemas, with every message in Thai and English:
 * zod's own messages through the shared Thai messages, the schemas' own English ones translated here.
 */
export function schemaResolver<S extends z.ZodType<FieldValues, FieldValues>>(schema: S) {
  const resolve = zodResolver(schema, { error: bilingualIssue });
  const resolver: typeof resolve = async (values, context, options) => {
    const result = await resolve(values, context, options);
    translateSchemaMessages(result.errors);
    return result;
  };
  return resolver;
}

/**
 * Puts the details of a server error next to the fields they name; returns the details that name no
 * field of the form (shown with the form's own error message).
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): ErrorDetail[] {
  if (!(error instanceof ApiRequestError)) return [];
  const unmatched: ErrorDetail[] = [];
  for (const detail of error.details) {
    const field = fields.find((f) => f === detail.path);
    if (field) {
      setError(field, { type: 'server', message: encodeMessage(detail.message_th, detail.message_en) });
    } else {
      unmatched.push(detail);
    }
  }
  return unmatched;
}
