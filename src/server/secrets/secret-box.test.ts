import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { AppError } from '../http/app-error.ts';
import { keyFileSecretBox, parseSecretsKey, secretBoxFor, secretBoxWithKey } from './secret-box.ts';

const key = Buffer.alloc(32, 7);

describe('secret box', () => {
  it('seals a value that opens only with the same key and purpose', () => {
    const box = secretBoxWithKey(key);
    const sealed = box.seal('line-token-ลับ', 'line:org-1:token');
    expect(sealed).not.toContain('line-token');
    expect(box.open(sealed, 'line:org-1:token')).toBe('line-token-ลับ');
    expect(() => box.open(sealed, 'line:org-2:token')).toThrow(AppError);
    expect(() => secretBoxWithKey(Buffer.alloc(32, 8)).open(sealed, 'line:org-1:token')).toThrow(
      /SECRETS_KEY/,
    );
    expect(box.seal('x', 'p')).not.toBe(box.seal('x', 'p'));
  });

  it('reads SECRETS_KEY as base64 or hex and refuses anything else, saying how to make one', () => {
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    expect(() => parseSecretsKey('short')).toThrow(/openssl rand -base64 32/);
    expect(readEnv({ SECRETS_KEY: key.toString('base64') }).secretsKey).toEqual(key);
    expect(() => readEnv({ SECRETS_KEY: 'abc' })).toThrow(/SECRETS_KEY/);
  });

  it('keeps the embedded key in the data directory, made once with mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
    try {
      const sealed = keyFileSecretBox(dir).seal('s', 'p');
      const file = path.join(dir, 'secrets.key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(keyFileSecretBox(dir).open(sealed, 'p')).toBe('s');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to store a secret on PostgreSQL without SECRETS_KEY, naming the setting', () => {
    const box = secretBoxFor({ secretsKey: undefined, production: true, dataDir: '/nonexistent' });
    expect(() => box.seal('s', 'p')).toThrow(/SECRETS_KEY is not set/);
  });
});
