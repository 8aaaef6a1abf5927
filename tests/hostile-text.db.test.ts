import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyses,
  assessmentScores,
  auditEvents,
  catalogueRevisions,
  oitItems,
  organizations,
  plans,
  users,
} from '../src/server/db/schema/index.ts';
import { loadBundledEditions } from '../src/server/modules/catalogue/catalogue.service.ts';
import { indicatorScores, storeAnalysis, storePlan, storeResult } from './support/assessment-fixtures.ts';
import { createTestContext, json, type TestContext, type TestOrg } from './support/test-app.ts';

/**
 * Text PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate) is refused at the door with
 * 400 `invalid_text` naming the field, and nothing is written; a YAML alias bomb is a bad file (400).
 */
const HOSTILE = [
  { name: 'NUL', text: 'ชื่อ\u0000ใหม่' },
  { name: 'lone high surrogate', text: 'ชื่อ\uD800ใหม่' },
  { name: 'lone low surrogate', text: '\uDC00ชื่อ' },
] as const;

type Admin = Awaited<ReturnType<TestContext['signedIn']>>;
let ctx: TestContext;
let admin: Admin;
let province: TestOrg;
let unit: TestOrg;

beforeAll(async () => {
  ctx = await createTestContext();
  await loadBundledEditions(ctx.db);
  province = await ctx.org();
  unit = await ctx.org(province);
  admin = await ctx.signedIn([{ role: 'admin', on: null }]);
});
afterAll(async () => ctx?.close());

/** Counts of every table these routes write, plus the audit trail (a refused request adds no line). */
async function counts() {
  const tables = { organizations, users, plans, analyses, oitItems, catalogueRevisions, auditEvents };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await ctx.db.select({ n: count() }).from(table);
    out[name] = row!.n;
  }
  return out;
}

async function expectInvalidText(response: Response, field: string) {
  const body = await json(response);
  expect(response.status, JSON.stringify(body)).toBe(400);
  expect(body.error.code).toBe('invalid_text');
  expect(body.error.details[0].path).toBe(field);
  expect(body.error.message_th).toContain(field);
  expect(body.error.message_en).toContain(field);
}

type RouteCase = {
  route: string;
  field: string;
  request(text: string): Promise<{ method: string; path: string; body?: unknown }>;
  /** The stored value that must be unchanged after the refusal. */
  stored?(): Promise<unknown>;
};

const ROUTES: RouteCase[] = [
  {
    route: 'POST /api/organizations (nameTh)',
    field: 'nameTh',
    request: async (text) => ({
      method: 'POST',
      path: '/api/organizations',
      body: {
        parentId: province.id,
        code: `HT-${crypto.randomUUID().slice(0, 8)}`,
        kind: 'regional_unit',
        nameTh: text,
      },
    }),
  },
  {
    route: 'PATCH /api/organizations/{id} (nameTh)',
    field: 'nameTh',
    request: async (text) => ({
      method: 'PATCH',
      path: `/api/organizations/${unit.id}`,
      body: { version: 1, nameTh: text },
    }),
    stored: async () =>
      (await ctx.db.select().from(organizations).where(eq(organizations.id, unit.id)))[0]?.nameTh,
  },
  {
    route: 'POST /api/users (displayName)',
    field: 'displayName',
    request: async (text) => ({
      method: 'POST',
      path: '/api/users',
      body: {
        email: `ht-${crypto.randomUUID().slice(0, 8)}@test.local`,
        displayName: text,
        password: 'a-good-password-1',
        role: 'viewer',
        organizationId: unit.id,
      },
    }),
  },
  {
    route: 'PATCH /api/users/{id} (displayName)',
    field: 'displayName',
    request: async (text) => ({
      method: 'PATCH',
      path: `/api/users/${admin.id}`,
      body: { version: 1, displayName: text },
    }),
    stored: async () => (await ctx.db.select().from(users).where(eq(users.id, admin.id)))[0]?.displayName,
  },
  {
    route: 'PUT /api/plans/{id} (content.title)',
    field: 'content.title',
    request: async (text) => {
      const org = await ctx.org(province);
      const plan = await storePlan(ctx.db, org.id, unit.id, 'draft');
      return {
        method: 'PUT',
        path: `/api/plans/${plan.id}`,
        body: { rowVersion: plan.rowVersion, content: { title: text } },
      };
    },
  },
  {
    route: 'PUT /api/plans/{id} (a measure step deep in the content)',
    field: 'content.issues[0].measures[0].steps[0].text',
    request: async (text) => {
      const org = await ctx.org(province);
      const plan = await storePlan(ctx.db, org.id, unit.id, 'draft');
      const content = structuredClone(plan.content) as {
        issues: { measures: { steps: { text: string }[] }[] }[];
      };
      content.issues[0]!.measures[0]!.steps[0]!.text = text;
      return { method: 'PUT', path: `/api/plans/${plan.id}`, body: { rowVersion: plan.rowVersion, content } };
    },
  },
  {
    route: 'PUT /api/oit/{organizationId}/{fiscalYear}/items/{code} (notes)',
    field: 'notes',
    request: async (text) => ({
      method: 'PUT',
      path: `/api/oit/${unit.id}/2569/items/o1`,
      body: { rowVersion: 0, url: null, status: 'in_progress', notes: text },
    }),
  },
  {
    route: 'PATCH /api/analyses/{id} (title)',
    field: 'title',
    request: async (text) => {
      const org = await ctx.org(province);
      const result = await storeResult(ctx.db, org.id, 2566, indicatorScores([80, 90]));
      const analysis = await storeAnalysis(ctx.db, await ctx.actorFor(admin.id), result.id);
      return {
        method: 'PATCH',
        path: `/api/analyses/${analysis.id}`,
        body: { version: analysis.version, title: text },
      };
    },
  },
  {
    route: 'POST /api/publications/{id}/withdraw (reason)',
    field: 'reason',
    // The text is refused before the publication is looked up: no publication is needed.
    request: async (text) => ({
      method: 'POST',
      path: `/api/publications/${crypto.randomUUID()}/withdraw`,
      body: { reason: text },
    }),
  },
  {
    route: 'a key of the body',
    field: 'content.\uFFFDkey',
    request: async (text) => ({
      method: 'PUT',
      path: `/api/plans/${crypto.randomUUID()}`,
      body: { rowVersion: 1, content: { [`${text.includes('\u0000') ? '\u0000' : '\uD800'}key`]: 'x' } },
    }),
  },
];

describe('text that cannot be stored is refused with 400 naming the field, and nothing is written', () => {
  for (const route of ROUTES) {
    for (const hostile of HOSTILE) {
      it(`${route.route}: ${hostile.name}`, async () => {
        const req = await route.request(hostile.text);
        const storedBefore = await route.stored?.();
        const before = await counts();
        const response = await admin.request(req.method, req.path, req.body);
        await expectInvalidText(response, route.field);
        expect(await counts()).toEqual(before);
        if (route.stored) expect(await route.stored()).toEqual(storedBefore);
      });
    }
  }

  it('a NUL in a query string is refused, naming the parameter', async () => {
    const response = await admin.get('/api/audit?entityType=plan%00x');
    await expectInvalidText(response, 'query.entityType');
  });

  it('the same text without the bad character is accepted (the check refuses only what cannot be stored)', async () => {
    const response = await admin.request('PATCH', `/api/organizations/${unit.id}`, {
      version: 1,
      nameTh: 'ชื่อใหม่ 😀 \\u0000 literally',
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect((await json(response)).nameTh).toBe('ชื่อใหม่ 😀 \\u0000 literally');
  });
});

describe('a YAML alias bomb to the catalogue import is a bad file (400), answered quickly, and nothing is written', () => {
  // Billion laughs: each level names the previous one ten times, 10^9 strings at the last level.
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const bomb = `fiscal_year: 2570\n${levels.join('\n')}\n`;

  it('answers 400 invalid_edition with the line, within a loose time bound', async () => {
    const before = await counts();
    const started = Date.now();
    const response = await admin.post('/api/catalogue/editions', { yaml: bomb });
    const elapsed = Date.now() - started;
    const body = await json(response);
    expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(400);
    expect(body.error.code).toBe('invalid_edition');
    expect(body.error.details[0].message_en).toMatch(/alias/i);
    expect(body.error.details[0].line).toBeGreaterThan(1);
    expect(elapsed).toBeLessThan(2000);
    expect(await counts()).toEqual(before);
  });
});

describe('an imported file with text that cannot be stored is refused with 400, nothing written', () => {
  async function xlsxWith(cellText: string) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('ข้อมูล');
    ws.addRow(['code', 'score', 'reason']);
    ws.addRow(['i1', 80, cellText]);
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }
  /** An XLSX whose reason cell (C2) holds `text`, written into the XML as it stands (escapes included). */
  async function xlsxWithRawCell(text: string) {
    const zip = await JSZip.loadAsync(await xlsxWith('MARK'));
    for (const name of Object.keys(zip.files)) {
      if (!name.endsWith('.xml')) continue;
      const xml = await zip.file(name)!.async('string');
      if (xml.includes('MARK')) zip.file(name, xml.replace('MARK', text));
    }
    return zip.generateAsync({ type: 'nodebuffer' });
  }
  const files: [string, string, () => Promise<Buffer>, RegExp][] = [
    // A NUL typed into a CSV's cell: the file is refused naming the cell (a binary file, many control
    // bytes, is refused as such: decode-file.test.ts).
    [
      'CSV, NUL in a reason cell',
      'r.csv',
      async () => Buffer.from('code,score,reason\ni1,80,ดี\u0000มาก\n'),
      /r\.csv\\": cell C2 holds a NUL character/,
    ],
    [
      'CSV, NUL in a code cell',
      'r.csv',
      async () => Buffer.from('code,score\ni\u00001,80\n'),
      /r\.csv\\": cell A2 holds a NUL character/,
    ],
    [
      'CSV with a quote, NUL in a reason cell',
      'r.csv',
      async () => Buffer.from('code,score,reason\ni1,80,"ดี, \u0000มาก"\n'),
      /cell C2 holds a NUL character/,
    ],
    // Excel writes a control character in a cell as `_x0000_`; the reader turns it back into NUL.
    ['XLSX, NUL (_x0000_) in a reason cell', 'r.xlsx', () => xlsxWithRawCell('ดี_x0000_มาก'), /C2/],
    // A character reference to half a surrogate pair is not well-formed XML: the workbook is unreadable.
    [
      'XLSX, lone surrogate (&#xD800;) in a reason cell',
      'r.xlsx',
      () => xlsxWithRawCell('ดี&#xD800;มาก'),
      /not a readable Excel workbook/,
    ],
  ];
  for (const [name, fileName, file, message] of files) {
    it(name, async () => {
      const org = await ctx.org(province);
      const content = (await file()).toString('base64');
      const before = await counts();
      const [scoresBefore] = await ctx.db.select({ n: count() }).from(assessmentScores);
      const send = (commit: boolean) =>
        admin.post('/api/assessments/import', {
          fileName,
          contentBase64: content,
          fiscalYear: 2566,
          organizationId: org.id,
          commit,
        });
      const preview = await send(false);
      const previewBody = await json(preview);
      expect(preview.status, JSON.stringify(previewBody)).toBeLessThan(500);
      const committed = await send(true);
      const body = await json(committed);
      const text = JSON.stringify(body);
      expect(committed.status, text).toBe(400);
      expect(text, text).toMatch(message);
      expect(await counts()).toEqual(before);
      const [scoresAfter] = await ctx.db.select({ n: count() }).from(assessmentScores);
      expect(scoresAfter).toEqual(scoresBefore);
    });
  }
});
