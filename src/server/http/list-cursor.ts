import { z } from 'zod';
import { detail, fail } from './app-error.ts';

/** How many rows a list page holds unless asked (`limit`), and the most it may hold. */
export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;

/** The `limit` and `cursor` query parameters of a keyset-paginated list. */
export const listPageQuery = {
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
  cursor: z.string().max(2000).optional(),
};

/** An opaque cursor: the sort key and id of the last row of a page (base64url JSON). */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key a cursor carries, checked against `shape`; a cursor that is not one answers 400. */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.infer<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const checked = shape.safeParse(parsed);
  if (!checked.success) {
    throw fail.validation([
      detail(
        'cursor',
        'ตัวชี้หน้าถัดไป (cursor) ไม่ถูกต้อง ให้เริ่มอ่านรายการจากหน้าแรกใหม่',
        'the cursor is not one this list gave; read the list again from its first page',
      ),
    ]);
  }
  return checked.data;
}
