import { detail, fail } from './app-error.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes of a base64 field of a JSON body, refused with the field named when it is not base64. */
export function decodeBase64(contentBase64: string, field: string): Uint8Array {
  if (contentBase64.length % 4 !== 0 || !BASE64.test(contentBase64)) {
    throw fail.validation([detail(field, 'เนื้อไฟล์ต้องเข้ารหัสแบบ base64', 'the file content must be base64')]);
  }
  return new Uint8Array(Buffer.from(contentBase64, 'base64'));
}
