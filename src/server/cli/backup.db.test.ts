import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-db.ts';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { documentFiles, plans, users } from '../db/schema/index.ts';
import { readEnv } from '../env.ts';
import { createSession, SESSION_COOKIE } from '../modules/auth/sessions.ts';
import { loadBundledEditions } from '../modules/catalogue/catalogue.service.ts';
import { publishDemo } from '../modules/demo/demo-cycle.ts';
import { DEMO_USERS } from '../modules/demo/demo-data.ts';
import { seedDemo } from '../modules/demo/seed-demo.ts';
import { documentRenderersFor, type PdfPrinter } from '../modules/documents/render-formats.ts';
import { LocalDiskStore } from '../storage/local-disk-store.ts';
import { type BackupManifest, backupDeployment, MANIFEST, restoreDeployment } from './backup.ts';

/**
 * A whole deployment (its database, on either engine; the file store; the fonts) backed up and restored into a new, empty
 * one: rows per table and every file's SHA-256 equal, and a document downloads from the restored app.
 */
const stubPdf: PdfPrinter = {
  print: async (html) => new TextEncoder().encode(`%PDF-1.4\n%stub\n${html}\n%%EOF\n`),
};
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-backup-'));
const dir = (name: string) => path.join(root, name);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let source: Database;
let target: Database;
const out = dir('backup');

beforeAll(async () => {
  source = await createTestDatabase();
  await loadBundledEditions(source.db);
  expect(await seedDemo(source.db, { cycle: true })).toBe(true);
  const renderers = documentRenderersFor({ fontsDir: '/nonexistent' }, stubPdf);
  expect(await publishDemo(source.db, new LocalDiskStore(dir('a/files')), renderers)).toBe(2);
  fs.mkdirSync(dir('a/fonts'));
  fs.writeFileSync(dir('a/fonts/AgencyFont.ttf'), 'not really a font, but bytes to carry');
}, 180_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let manifest: BackupManifest;

  it('writes the tables, the files and a manifest of counts and SHA-256', async () => {
    manifest = await backupDeployment(
      source.db,
      source.kind,
      new LocalDiskStore(dir('a/files')),
      dir('a/fonts'),
      out,
    );
    expect(JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'))).toEqual(manifest);
    const table = (name: string) => manifest.tables.find((t) => t.name === name)?.rows ?? 0;
    expect(table('plans')).toBeGreaterThan(0);
    expect(table('document_files')).toBeGreaterThan(0);
    expect(table('audit_events')).toBeGreaterThan(0);
    const stored = await source.db.select().from(documentFiles);
    for (const f of stored) {
      const entry = manifest.files.find((m) => m.path === `files/${f.storageKey}`);
      expect(entry?.sha256, f.storageKey).toBe(f.sha256);
    }
    expect(manifest.files.some((f) => f.path === 'fonts/AgencyFont.ttf')).toBe(true);
    // Refuses to write over another backup.
    await expect(
      backupDeployment(source.db, source.kind, new LocalDiskStore(dir('a/files')), dir('a/fonts'), out),
    ).rejects.toThrow(/not empty/);
  });

  it('restores into an empty deployment, verifies it, and the restored app serves the documents', async () => {
    target = await createTestDatabase();
    const store = new LocalDiskStore(dir('b/files'));
    const verified = await restoreDeployment(target.db, store, dir('b/fonts'), out);
    expect(verified).toEqual({
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((n, t) => n + t.rows, 0),
      files: manifest.files.length,
    });
    expect(fs.readFileSync(dir('b/fonts/AgencyFont.ttf'), 'utf8')).toBe(
      'not really a font, but bytes to carry',
    );

    // Same plans, byte for byte; and the audit trail goes on after its restored ids.
    const plansOf = async (d: Database) =>
      (await d.db.select().from(plans)).sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(await plansOf(target)).toEqual(await plansOf(source));

    // The restored app: starts on it (the catalogue loads again without conflict) and serves a document.
    await loadBundledEditions(target.db);
    const config = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir('b') });
    const app = createApp({ db: target.db, config, fileStore: store });
    const email = DEMO_USERS.find((u) => u.role === 'secretariat' && u.on === 'DEMO-PROV')!.email;
    const [user] = await target.db.select().from(users).where(eq(users.email, email));
    const session = await createSession(target.db, user!.id, { ip: '127.0.0.1', userAgent: 'test' });
    const cookie = `${SESSION_COOKIE}=${session.token}`;
    const [file] = await target.db.select().from(documentFiles).where(eq(documentFiles.format, 'docx'));
    const r = await app.request(`http://localhost/api/documents/${file!.documentId}/docx`, {
      headers: { cookie },
    });
    expect(r.status).toBe(200);
    expect(sha(new Uint8Array(await r.arrayBuffer()))).toBe(file!.sha256);
  });

  it('refuses to restore into a deployment that has data, and says what is there', async () => {
    await expect(
      restoreDeployment(target.db, new LocalDiskStore(dir('b/files')), dir('b/fonts'), out),
    ).rejects.toThrow(/empty deployment only.*plans \(\d+\)/s);
  });

  it('refuses a backup whose file differs from its manifest, before writing anything', async () => {
    const damaged = dir('damaged');
    fs.cpSync(out, damaged, { recursive: true });
    fs.appendFileSync(path.join(damaged, 'fonts/AgencyFont.ttf'), 'x');
    const empty = await createTestDatabase();
    try {
      await expect(
        restoreDeployment(empty.db, new LocalDiskStore(dir('c/files')), dir('c/fonts'), damaged),
      ).rejects.toThrow(/fonts\/AgencyFont\.ttf: its SHA-256 differs/);
      expect((await empty.db.select().from(plans)).length).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
