import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../http/app-error.ts';

/**
 * Secrets the app must use again but never show (a LINE channel's secret and access token, an identity
 * provider's client secret) are kept encrypted in the database with AES-256-GCM under one key that is not
 * in the database: SECRETS_KEY (32 bytes, base64 or hex), or on the embedded database a key file made
 * once in the data directory. A sealed value is bound to its purpose (the AAD), so a value copied to
 * another row or field does not open there.
 */
export interface SecretBox {
  seal(plain: string, purpose: string): string;
  open(sealed: string, purpose: string): string;
}

const VERSION = 'v1';
export const KEY_FILE_NAME = 'secrets.key';

/** SECRETS_KEY's value as 32 bytes, or an error that says what is wrong with it. */
export function parseSecretsKey(value: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error(
      'SECRETS_KEY must be 32 bytes written as base64 (44 characters) or hex (64 characters), e.g. from `openssl rand -base64 32` / SECRETS_KEY ต้องเป็นกุญแจ 32 ไบต์ในรูป base64 หรือ hex',
    );
  }
  return key;
}

export function secretBoxWithKey(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('A secret box needs a 32-byte key');
  return {
    seal(plain, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        data.toString('base64url'),
      ].join('.');
    },
    open(sealed, purpose) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) {
        throw new Error('Not a sealed secret');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new AppError(
          503,
          'secret_unreadable',
          'เปิดข้อมูลลับที่บันทึกไว้ไม่ได้ กุญแจ SECRETS_KEY อาจถูกเปลี่ยน กรุณาตั้งค่าคีย์เดิม หรือบันทึกข้อมูลลับนั้นใหม่',
          'A stored secret cannot be opened: SECRETS_KEY may have changed. Set the key it was sealed with, or enter the secret again',
        );
      }
    },
  };
}

/** Production without SECRETS_KEY: storing or using a secret is refused with the setting to fix. */
export function missingSecretBox(): SecretBox {
  const refuse = (): never => {
    throw new AppError(
      503,
      'secrets_key_missing',
      'ยังไม่ได้ตั้งค่า SECRETS_KEY ของระบบ จึงบันทึกหรือใช้ข้อมูลลับ (เช่น โทเค็น LINE หรือรหัสลับของผู้ให้บริการยืนยันตัวตน) ไม่ได้ กรุณาแจ้งผู้ดูแลระบบ',
      'SECRETS_KEY is not set, so secrets (a LINE token, an identity provider client secret) cannot be stored or used. Ask the system administrator to set it',
    );
  };
  return { seal: refuse, open: refuse };
}

/**
 * The embedded database's key: `<dataDir>/secrets.key`, made (mode 0600) the first time it is needed and
 * read afterwards. Losing the file loses the stored secrets (they must be entered again), nothing else.
 */
export function keyFileSecretBox(dataDir: string): SecretBox {
  let box: SecretBox | undefined;
  const load = () => {
    if (box) return box;
    const file = path.join(dataDir, KEY_FILE_NAME);
    let key: Buffer;
    try {
      key = parseSecretsKey(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      fs.mkdirSync(dataDir, { recursive: true });
      key = randomBytes(32);
      try {
        fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (raced) {
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        key = parseSecretsKey(fs.readFileSync(file, 'utf8'));
      }
    }
    box = secretBoxWithKey(key);
    return box;
  };
  return {
    seal: (plain, purpose) => load().seal(plain, purpose),
    open: (sealed, purpose) => load().open(sealed, purpose),
  };
}

/** The box for this deployment: SECRETS_KEY when set; else the key file (embedded) or a refusal (PostgreSQL). */
export function secretBoxFor(config: {
  secretsKey: Buffer | undefined;
  production: boolean;
  dataDir: string;
}) {
  if (config.secretsKey) return secretBoxWithKey(config.secretsKey);
  return config.production ? missingSecretBox() : keyFileSecretBox(config.dataDir);
}
