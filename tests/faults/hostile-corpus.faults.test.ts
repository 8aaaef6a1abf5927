import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyCases } from './corpus/body-cases.ts';
import { type Case, importFile, send, uploadEvidence } from './corpus/case.ts';
import { fileCases } from './corpus/file-cases.ts';
import { docxWithJszip, goodXlsx, minimalPdf, PNG_1x1, utf8 } from './corpus/files.ts';
import { publicTables, snapshot, snapshotDiff } from './corpus/snapshot.ts';
import { createWorld, type World } from './corpus/world.ts';

/**
 * The hostile-input corpus (issue 14): files and bodies a hostile or careless user can send, each
 * answered with a clear 4xx (an error body with a Thai and an English message) and nothing written
 * (rows of every table in `public`, files in the store), or, for odd but valid text, the documented
 * 2xx with the text stored verbatim. Silent on success; a failure lists each case, status and body.
 * CORPUS_TRACE=<file> appends one line per case (family, name, status, error code, English message).
 */

let world: World;
let tables: string[];
let cases: Case[];

beforeAll(async () => {
  world = await createWorld();
  tables = await publicTables(world.ctx.db);
  cases = [...(await fileCases()), ...bodyCases()];
}, 120_000);
afterAll(async () => world?.ctx.close());

const THAI = /[\u0e01-\u0e5b]/;

/** Why a case's answer is wrong ('' when it is right). */
async function judge(c: Case): Promise<string> {
  const before = await snapshot(world.ctx.db, tables, world.filesRoot);
  const response = await c.send(world);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: judged below
  }
  const after = await snapshot(world.ctx.db, tables, world.filesRoot);
  if (process.env.CORPUS_TRACE) {
    const code = (body as { error?: { code?: string; message_en?: string } })?.error;
    (await import('node:fs')).appendFileSync(
      process.env.CORPUS_TRACE,
      `${c.family}\t${c.name}\t${response.status}\t${code?.code ?? ''}\t${(code?.message_en ?? '').slice(0, 160)}\n`,
    );
  }
  const written = snapshotDiff(before, after);
  const shown = `status ${response.status}, body ${text.slice(0, 400).replace(/\s+/g, ' ')}`;
  if (c.expect.kind === 'stored') {
    if (response.status !== c.expect.status) return `expected ${c.expect.status}; ${shown}`;
    try {
      await c.expect.verify(world, response, body);
    } catch (error) {
      return `not stored verbatim: ${(error as Error).message}; ${shown}`;
    }
    return '';
  }
  if (c.expect.kind === 'preview') {
    if (response.status !== 200) return `expected a 200 preview; ${shown}`;
    if (written) return `the preview wrote: ${written}; ${shown}`;
    return '';
  }
  if (c.expect.kind === 'page not found') {
    if (response.status !== 404) return `expected 404; ${shown}`;
    if (/root:.*:0:0:|"devDependencies"|DATABASE_URL/.test(text))
      return `a server file in the answer; ${shown}`;
    if (written) return `wrote: ${written}; ${shown}`;
    return '';
  }
  const problems: string[] = [];
  if (response.status < 400 || response.status > 499) problems.push('not a 4xx');
  if (c.expect.status && response.status !== c.expect.status) problems.push(`not ${c.expect.status}`);
  const error = (body as { error?: { code?: unknown; message_th?: unknown; message_en?: unknown } })?.error;
  if (typeof error?.code !== 'string') problems.push('no error code');
  else if (c.expect.code && error.code !== c.expect.code) problems.push(`not ${c.expect.code}`);
  if (typeof error?.message_th !== 'string' || !THAI.test(error.message_th)) problems.push('no Thai message');
  if (typeof error?.message_en !== 'string' || error.message_en.length < 5)
    problems.push('no English message');
  if (written) problems.push(`wrote: ${written}`);
  return problems.length ? `${problems.join('; ')}; ${shown}` : '';
}

describe('the hostile-input corpus', () => {
  it('holds at least 250 named cases, each name once', () => {
    expect(cases.length).toBeGreaterThanOrEqual(250);
    const names = cases.map((c) => `${c.family}: ${c.name}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  const families = [
    'archive bomb',
    'truncated',
    'wrong type',
    'encoding',
    'unstorable text',
    'injection (stored as text)',
    'path traversal',
    'SSRF',
    'oversized',
    'malformed',
    'YAML',
    'number out of range',
    'date out of range',
  ];
  for (const family of families) {
    it(`${family}: each case answered as documented`, async () => {
      const failures: string[] = [];
      const mine = cases.filter((c) => c.family === family);
      expect(mine.length).toBeGreaterThan(0);
      for (const c of mine) {
        const why = await judge(c).catch((error: unknown) => `threw ${(error as Error).stack}`);
        if (why) failures.push(`${c.name}: ${why}`);
      }
      expect(failures, failures.join('\n')).toEqual([]);
    }, 300_000);
  }

  // Run last (they write): the routes the corpus aims at take a valid request from the same callers,
  // so the refusals above are the input's, not a closed door's.
  it('controls: the same routes, callers and records accept a valid request', async () => {
    const w = world;
    const answers: [string, Response, number][] = [
      [
        'report',
        await send(w, 'reporter', 'PUT', `/api/reports/${w.slotId}`, {
          rowVersion: 1,
          result: 'ดำเนินการแล้ว',
          progress: 'in_progress',
          percent: 50,
          activityStart: '2024-01-10',
          links: [{ url: 'https://www.example.go.th/ita', label: 'ลิงก์' }],
        }),
        200,
      ],
      ['evidence PDF', await uploadEvidence(w, 'report.pdf', minimalPdf('control')), 201],
      ['evidence PNG', await uploadEvidence(w, 'photo.png', PNG_1x1), 201],
      ['evidence DOCX', await uploadEvidence(w, 'report.docx', await docxWithJszip()), 201],
      ['evidence XLSX', await uploadEvidence(w, 'figures.xlsx', await goodXlsx()), 201],
      [
        'OIT link',
        await send(w, 'admin', 'PUT', `/api/oit/${w.province.id}/2569/items/o4`, {
          rowVersion: 0,
          url: 'https://www.example.go.th/ita/o4',
          status: 'in_progress',
          notes: 'บันทึก',
        }),
        200,
      ],
      [
        'plan',
        await send(w, 'admin', 'PUT', `/api/plans/${w.draftPlan.id}`, {
          rowVersion: w.draftPlan.rowVersion,
          content: w.draftPlan.content,
        }),
        200,
      ],
      [
        'round',
        await send(w, 'admin', 'POST', '/api/rounds', {
          planId: w.circulatedPlanId,
          kind: 'custom',
          labelTh: 'รอบพิเศษ',
          dueDate: '2024-06-30',
        }),
        201,
      ],
      [
        'result entry',
        await send(w, 'admin', 'PUT', '/api/assessments', {
          organizationId: w.unit.id,
          fiscalYear: 2567,
          scores: [{ scope: 'indicator', code: '1', score: 80 }],
        }),
        200,
      ],
      ['result import', await importFile(w, 'r.csv', utf8('code,score\n1,75\n')), 200],
      ['result import XLSX', await importFile(w, 'r.xlsx', await goodXlsx()), 200],
      [
        'analysis title',
        await send(w, 'admin', 'PATCH', `/api/analyses/${w.analysis.id}`, {
          version: w.analysis.version,
          title: 'การวิเคราะห์',
        }),
        200,
      ],
      [
        'new user',
        await send(w, 'admin', 'POST', '/api/users', {
          email: 'control@test.local',
          displayName: 'ผู้ใช้',
          password: 'a-good-password-1',
          role: 'viewer',
          organizationId: w.unit.id,
        }),
        201,
      ],
    ];
    const wrong = [];
    for (const [name, response, status] of answers) {
      if (response.status !== status) wrong.push(`${name}: ${response.status} ${await response.text()}`);
    }
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('every case belongs to a family above', () => {
    expect(cases.filter((c) => !families.includes(c.family)).map((c) => c.family)).toEqual([]);
  });
});
