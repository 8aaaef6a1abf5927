import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPagesToPng, pdfText } from '#tests/support/pdf-text.ts';

/**
 * `prongsai document` through the real command line, against an embedded database holding the demo
 * data with its whole cycle (2569 result and analysis, 2570 plan approved and circulated, the 6-month
 * round closed, both published). Without Chromium first (DOCX/XLSX written, the PDF reported), then
 * with it (the PDF drawn to test-output/cli/ to look at). Every refusal names what is missing, exits
 * ≠ 0, writes no file and stores no document version.
 */
const OUT = path.resolve('test-output/cli');
let dataDir: string;
let work: string;
const NO_CHROMIUM = { CHROMIUM_PATH: '/nonexistent/chromium' };

const run = (args: string[], env: Record<string, string> = NO_CHROMIUM) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prongsai.ts', 'document', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });

/** The database between runs (the command holds the data-directory lock only while it runs). */
async function withDatabase<T>(use: (db: import('../db/client.ts').Db) => Promise<T>): Promise<T> {
  const { openEmbedded } = await import('../db/client.ts');
  const database = await openEmbedded(dataDir);
  try {
    return await use(database.db);
  } finally {
    await database.close();
  }
}

async function storedVersions() {
  const { documents } = await import('../db/schema/index.ts');
  return withDatabase(async (db) => (await db.select().from(documents)).length);
}

const folder = (name: string) => path.join(work, name);

/** The same command in this process (what `scripts/prongsai.ts` runs), for the many cases. */
async function runHere(args: string[]): Promise<{ ok: true; out: string } | { ok: false; message: string }> {
  const { openEmbedded } = await import('../db/client.ts');
  const { loadBundledEditions } = await import('../modules/catalogue/catalogue.service.ts');
  const { documentCommand } = await import('./document-command.ts');
  const { AppError } = await import('../http/app-error.ts');
  const database = await openEmbedded(dataDir);
  try {
    await loadBundledEditions(database.db);
    const out = await documentCommand(database, args, { ...process.env, DATA_DIR: dataDir, ...NO_CHROMIUM });
    return { ok: true, out };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: `${error.messageTh}\n${error.messageEn}` };
    if (error instanceof Error) return { ok: false, message: error.message };
    throw error;
  } finally {
    await database.close();
  }
}
const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-doc-cli-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-doc-out-'));
  const { openEmbedded } = await import('../db/client.ts');
  const { seedDemo } = await import('../modules/demo/seed-demo.ts');
  const { documentRenderersFor } = await import('../modules/documents/render-formats.ts');
  const { LocalDiskStore } = await import('../storage/local-disk-store.ts');
  const { loadBundledEditions } = await import('../modules/catalogue/catalogue.service.ts');
  const database = await openEmbedded(dataDir);
  await database.migrate();
  await loadBundledEditions(database.db);
  await seedDemo(database.db, { cycle: true });
  const { publishDemo } = await import('../modules/demo/demo-cycle.ts');
  await publishDemo(
    database.db,
    new LocalDiskStore(path.join(dataDir, 'files')),
    documentRenderersFor({ fontsDir: path.join(dataDir, 'fonts') }, null),
  );
  // Data that is not there yet, for the refusals: a draft 2571 plan, and a 12-month round still open.
  const { cliActor } = await import('./cli-context.ts');
  const { createPlan } = await import('../modules/plans/plans.service.ts');
  const { createRound, openRound } = await import('../modules/progress/rounds.service.ts');
  const { organizations, plans } = await import('../db/schema/index.ts');
  const { and, eq } = await import('drizzle-orm');
  const actor = await cliActor(database, undefined);
  const [province] = await database.db
    .select()
    .from(organizations)
    .where(eq(organizations.code, 'DEMO-PROV'));
  await createPlan(database.db, actor, {
    organizationId: province!.id,
    fiscalYear: 2571,
    analysisId: null,
    issuesFrom: 'none',
    copyFromPreviousYear: false,
  });
  const [plan] = await database.db
    .select()
    .from(plans)
    .where(and(eq(plans.organizationId, province!.id), eq(plans.fiscalYear, 2570)));
  const round = await createRound(database.db, actor, {
    planId: plan!.id,
    kind: '12m',
    dueDate: '2027-10-15',
  });
  await openRound(database.db, actor, round.id, round.rowVersion);
  await database.close();
}, 180_000);
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

describe('prongsai document', () => {
  it('writes the plan’s DOCX and XLSX with meaningful names and says why there is no PDF', () => {
    const out = folder('plan');
    const r = run(['plan', '--org', 'DEMO-PROV', '--year', '2570', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    // Version 1 is the one published with the demo data: the same inputs give the same version.
    expect(filesIn(out)).toEqual([
      'แผนมาตรการ-2570-จังหวัดตัวอย่าง-v1.docx',
      'แผนมาตรการ-2570-จังหวัดตัวอย่าง-v1.xlsx',
    ]);
    for (const name of filesIn(out)) {
      const bytes = fs.statSync(path.join(out, name)).size;
      expect(r.stdout).toContain(`${path.join(out, name)}\t${bytes} bytes`);
    }
    expect(r.stdout).toMatch(/PDF not made: .*CHROMIUM_PATH/);
  }, 150_000);

  it('makes every document of the evidence set and the analysis from the demo data, in Arabic digits if asked', async () => {
    const before = await withDatabase(async (db) => {
      const { documentOptions } = await import('../db/schema/index.ts');
      return db.select().from(documentOptions);
    });
    const out = folder('set');
    const made: string[] = [];
    for (const args of [
      ['analysis'],
      ['memo'],
      ['circular'],
      ['publication-form'],
      ['round', '--round', '6m'],
      ['round-memo', '--round', '6M'],
    ]) {
      const year = args[0] === 'analysis' ? '2569' : '2570';
      const r = await runHere([
        ...args,
        '--org',
        'demo-prov',
        '--year',
        year,
        '--format',
        'docx',
        '--digits',
        'arabic',
        '--out',
        out,
      ]);
      expect(r.ok, `${args.join(' ')}: ${r.ok ? '' : r.message}`).toBe(true);
      if (r.ok) made.push(...r.out.split('\n').filter((l) => l.endsWith(' bytes')));
    }
    const names = filesIn(out);
    const v = '-v\\d+\\.docx$';
    for (const expected of [
      `^รายงานวิเคราะห์ผล-ITA-2569-จังหวัดตัวอย่าง${v}`,
      `^บันทึกขออนุมัติแผนมาตรการ-2570-จังหวัดตัวอย่าง${v}`,
      `^หนังสือ(ภายนอก)?แจ้งเวียนแผนมาตรการ-2570-จังหวัดตัวอย่าง${v}`,
      `^แบบขอเผยแพร่ข้อมูล-แผนมาตรการ-2570-จังหวัดตัวอย่าง${v}`,
      `^รายงานผลตามมาตรการ-รอบ6เดือน-2570-จังหวัดตัวอย่าง${v}`,
      `^บันทึกรายงานผล-รอบ6เดือน-2570-จังหวัดตัวอย่าง${v}`,
    ]) {
      expect(
        names.some((n) => new RegExp(expected).test(n)),
        `${expected} in ${names.join(', ')}`,
      ).toBe(true);
    }
    expect(made.length).toBe(names.length);
    for (const n of names) expect(Buffer.byteLength(n)).toBeLessThan(200);
    // --digits is for this run: the organisation's stored options did not change.
    const after = await withDatabase(async (db) => {
      const { documentOptions } = await import('../db/schema/index.ts');
      return db.select().from(documentOptions);
    });
    expect(after).toEqual(before);
  }, 600_000);

  it('prints the PDF with Chromium (the round report, looked at as PNG)', async () => {
    const out = folder('pdf');
    const r = run(
      ['round', '--org', 'DEMO-PROV', '--year', '2570', '--round', '6m', '--format', 'pdf', '--out', out],
      {},
    );
    expect(r.status, r.stderr).toBe(0);
    const [name] = filesIn(out);
    expect(name).toMatch(/^รายงานผลตามมาตรการ-รอบ6เดือน-2570-จังหวัดตัวอย่าง-v\d+\.pdf$/);
    const bytes = new Uint8Array(fs.readFileSync(path.join(out, name!)));
    const text = (await pdfText(bytes)).join('\n').replace(/\s+/g, '');
    expect(text).toContain('จังหวัดตัวอย่าง');
    const pngs = await pdfPagesToPng(bytes, OUT, [1, 2], { prefix: 'round-6m-' });
    expect(pngs.length).toBeGreaterThan(0);
  }, 240_000);

  it('makes the kind for every organisation under the code that has the data, naming the others', () => {
    const out = folder('all-units');
    const r = run([
      'plan',
      '--org',
      'DEMO-PROV',
      '--year',
      '2570',
      '--format',
      'docx',
      '--all-units',
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(filesIn(out)).toEqual([expect.stringMatching(/^แผนมาตรการ-2570-จังหวัดตัวอย่าง-v\d+\.docx$/)]);
    for (const unit of ['DEMO-PROV-01', 'DEMO-PROV-06']) {
      expect(r.stdout).toContain(`${unit}: ${unit} has no 2570 plan yet`);
    }
  }, 150_000);

  /** Each refusal: the arguments, and what the message must name. */
  const REFUSALS: { what: string; args: string[]; says: RegExp[] }[] = [
    {
      what: 'no result for that organisation and year',
      args: ['analysis', '--org', 'DEMO-MUNI', '--year', '2569'],
      says: [/DEMO-MUNI has no ITA 2569 result/, /ยังไม่มีผลการประเมิน ITA ปี 2569/],
    },
    {
      what: 'no plan',
      args: ['plan', '--org', 'DEMO-PROV', '--year', '2572'],
      says: [/DEMO-PROV has no 2572 plan yet/, /ยังไม่มีแผนมาตรการปี 2572/],
    },
    {
      what: 'a plan not approved, for a circular',
      args: ['circular', '--org', 'DEMO-PROV', '--year', '2571'],
      says: [/not approved yet \(it is draft\)/, /ยังไม่ได้รับความเห็นชอบ \(สถานะ: ร่าง\)/],
    },
    {
      what: 'a round that does not exist',
      args: ['round', '--org', 'DEMO-PROV', '--year', '2570', '--round', 'monthly-2570-01'],
      says: [/no round monthly-2570-01 \(rounds: 12m, 6m\)/, /ไม่มีรอบ monthly-2570-01/],
    },
    {
      what: 'a round not closed, for its memo',
      args: ['round-memo', '--org', 'DEMO-PROV', '--year', '2570', '--round', '12m'],
      says: [/Round 12m .* is not closed yet \(it is open\)/, /ยังไม่ปิด/],
    },
    {
      what: 'an unknown kind',
      args: ['budget', '--org', 'DEMO-PROV', '--year', '2570'],
      says: [/KIND: unknown document "budget" \(known: analysis, plan, round, memo, circular/],
    },
    {
      what: 'an unknown format',
      args: ['plan', '--org', 'DEMO-PROV', '--year', '2570', '--format', 'odt'],
      says: [/--format odt/],
    },
    {
      what: 'a format the kind has not',
      args: ['memo', '--org', 'DEMO-PROV', '--year', '2570', '--format', 'xlsx'],
      says: [/--format xlsx: a memo is not made as xlsx/],
    },
    {
      what: 'unknown digits',
      args: ['plan', '--org', 'DEMO-PROV', '--year', '2570', '--digits', 'roman'],
      says: [/--digits roman: use thai or arabic/],
    },
    {
      what: 'a font not installed',
      args: ['plan', '--org', 'DEMO-PROV', '--year', '2570', '--font', 'TH Sarabun New'],
      says: [/--font TH Sarabun New: not installed \(available: bundled\)/],
    },
    {
      what: 'a round key where none applies',
      args: ['plan', '--org', 'DEMO-PROV', '--year', '2570', '--round', '6m'],
      says: [/--round does not apply to plan/],
    },
    {
      what: 'a round report without a round',
      args: ['round', '--org', 'DEMO-PROV', '--year', '2570'],
      says: [/--round KEY is required for round/],
    },
    {
      what: 'an unknown organisation',
      args: ['plan', '--org', 'NOWHERE', '--year', '2570'],
      says: [/No organisation with code NOWHERE/],
    },
  ];

  it('refuses what cannot be made, naming what is missing: exit ≠ 0, no file, no version stored', async () => {
    const before = await storedVersions();
    // Through the real command: the exit code and the message on standard error.
    const [first] = REFUSALS;
    const spawned = run([...first!.args, '--out', folder('refused-spawned')]);
    expect(spawned.status).toBe(1);
    for (const says of first!.says) expect(spawned.stderr).toMatch(says);
    expect(filesIn(folder('refused-spawned'))).toEqual([]);
    for (const refusal of REFUSALS) {
      const out = folder(`refused-${REFUSALS.indexOf(refusal)}`);
      const r = await runHere([...refusal.args, '--out', out]);
      expect(r.ok, refusal.what).toBe(false);
      for (const says of refusal.says) expect(r.ok ? '' : r.message, refusal.what).toMatch(says);
      expect(filesIn(out), refusal.what).toEqual([]);
    }
    expect(await storedVersions()).toBe(before);
  }, 300_000);

  it('refuses an --out it cannot write to before making anything', async () => {
    const before = await storedVersions();
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, 'x');
    const r = run(['plan', '--org', 'DEMO-PROV', '--year', '2570', '--out', path.join(file, 'sub')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--out .*a-file\/sub: cannot write files there/);
    expect(r.stderr).toContain('เขียนไฟล์ลงโฟลเดอร์นี้ไม่ได้');
    expect(await storedVersions()).toBe(before);
  }, 150_000);
});
