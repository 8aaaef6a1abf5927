import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../tests/support/s3-server.ts';
import { openDatabase } from '../db/client.ts';
import { loadBundledEditions } from '../modules/catalogue/catalogue.service.ts';
import { publishDemo } from '../modules/demo/demo-cycle.ts';
import { seedDemo } from '../modules/demo/seed-demo.ts';
import { documentRenderersFor, type PdfPrinter } from '../modules/documents/render-formats.ts';
import { S3Store } from '../storage/s3-store.ts';
import { type BackupManifest, MANIFEST } from './backup.ts';
import { backupOrRestoreCommand } from './backup-command.ts';

/**
 * `prongsai backup` and `prongsai restore` on a deployment whose files are in object storage
 * (FILES_S3_*): the backup reads the bucket, the restore writes into an empty one (here: an empty
 * prefix of the bucket), and refuses a bucket that already holds files. The embedded database.
 */
const stubPdf: PdfPrinter = {
  print: async (html) => new TextEncoder().encode(`%PDF-1.4\n%stub\n${html}\n%%EOF\n`),
};
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-backup-s3-'));
const dir = (name: string) => path.join(root, name);
let s3: TestS3Server;
const saved = { ...process.env };

/** Runs the CLI command with the deployment's settings as its environment. */
async function cli(name: 'backup' | 'restore', argv: string[], deployment: string, prefix = deployment) {
  const c = s3.config('prongsai', `${prefix}/`);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir(deployment),
    FONTS_DIR: dir(`${deployment}-fonts`),
    FILES_S3_BUCKET: c.bucket,
    FILES_S3_ENDPOINT: c.endpoint,
    FILES_S3_ACCESS_KEY_ID: c.accessKeyId,
    FILES_S3_SECRET_ACCESS_KEY: c.secretAccessKey,
    FILES_S3_PREFIX: prefix,
  });
  delete process.env.DATABASE_URL;
  delete process.env.FILES_DIR;
  try {
    return await backupOrRestoreCommand(name, argv);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

const objects = async (prefix: string) => {
  const store = new S3Store(s3.config('prongsai', `${prefix}/`));
  const out = new Map<string, string>();
  for await (const f of store.list()) out.set(f.key, Buffer.from(await store.get(f.key)).toString('base64'));
  store.close();
  return out;
};

beforeAll(async () => {
  s3 = await startS3Server(['prongsai']);
  // A deployment with published documents, its files in the bucket under a/.
  const database = await openDatabase({ dataDir: dir('a'), databaseUrl: undefined });
  try {
    await loadBundledEditions(database.db);
    expect(await seedDemo(database.db, { cycle: true })).toBe(true);
    const store = new S3Store(s3.config('prongsai', 'a/'));
    const renderers = documentRenderersFor({ fontsDir: '/nonexistent' }, stubPdf);
    expect(await publishDemo(database.db, store, renderers)).toBe(2);
    store.close();
  } finally {
    await database.close();
  }
  fs.mkdirSync(dir('a-fonts'));
}, 180_000);
afterAll(async () => {
  await s3?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backup and restore with the files in object storage', () => {
  it('backs up the bucket, restores into an empty one with every file equal, and refuses a bucket that has files', async () => {
    const source = await objects('a');
    expect(source.size).toBeGreaterThan(0);

    const out = dir('backup');
    expect(await cli('backup', ['--out', out], 'a')).toMatch(new RegExp(`${source.size} files`));
    const manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')) as BackupManifest;
    expect(
      manifest.files
        .filter((f) => f.path.startsWith('files/'))
        .map((f) => f.path.slice(6))
        .sort(),
    ).toEqual([...source.keys()].sort());

    expect(await objects('b')).toEqual(new Map());
    expect(await cli('restore', ['--from', out], 'b')).toMatch(/SHA-256 equal/);
    expect(await objects('b')).toEqual(source);

    // A new, empty database (c), but the bucket's prefix b/ already holds the restored files.
    await expect(cli('restore', ['--from', out], 'c', 'b')).rejects.toThrow(
      /this one has data: the file store\. Point .*FILES_S3_PREFIX/,
    );
  });
});
