import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, documents, organizations, users } from '../src/server/db/schema/index.ts';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import { docxText } from './support/docx-text.ts';
import { pdfPagesToPng, pdfText } from './support/pdf-text.ts';
import { createTestContext, json, type TestContext, type TestOrg } from './support/test-app.ts';

/**
 * The OIT evidence set through the API, as an agency makes it: the organisation's document profile,
 * the approval memo, the circular as a memo to its own units and a letter to other agencies, the
 * web-publication request form once published, and the round memo once the round is closed; bad input
 * refused with what is missing and nothing written. Every PDF page is drawn to
 * test-output/documents/evidence-*.png for a person to look at.
 */
const OUT = path.resolve('test-output/documents');
const PUBLIC_URL = 'https://ita.tak.example.go.th';
let t: TestContext;
let pdf: PdfRenderer;
type Client = Awaited<ReturnType<TestContext['signedIn']>>;
let province: TestOrg;
let division: TestOrg;
let regional: TestOrg;
let secretariat: Client;
let planId: string;
let roundId: string;
let roundVersion: number;

const PLAN_TITLE = 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดทดสอบหลักฐาน ประจำปีงบประมาณ พ.ศ. 2568';
const PROFILE = {
  department: 'สำนักงานจังหวัดทดสอบหลักฐาน กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด',
  phone: '0 5551 1234',
  email: 'saraban@example.go.th',
  address: ['ศาลากลางจังหวัดทดสอบหลักฐาน', 'ถนนพหลโยธิน อำเภอเมือง 63000'],
  numberPrefix: 'ทส 0017.2',
  to: 'ผู้ว่าราชการจังหวัดทดสอบหลักฐาน',
  signer: { name: '', positions: [] },
  head: { name: 'นายผู้ว่า ทดสอบดี', positions: ['ผู้ว่าราชการจังหวัดทดสอบหลักฐาน'] },
};
const SIGNER = { name: 'นายหัวหน้า สำนักงานดี', positions: ['หัวหน้าสำนักงานจังหวัดทดสอบหลักฐาน'] };

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
    config: { publicUrl: PUBLIC_URL },
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  province = await t.org(null, { nameTh: 'จังหวัดทดสอบหลักฐาน' });
  division = await t.org(province, { nameTh: 'กลุ่มงานบริหารทั่วไป' });
  await t.db.update(organizations).set({ kind: 'division' }).where(eq(organizations.id, division.id));
  regional = await t.org(province, { nameTh: 'สำนักงานพาณิชย์จังหวัดทดสอบหลักฐาน' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  const executive = await t.signedIn([{ role: 'executive', on: province }]);
  // The head approves the plan (and so signs it electronically, decision 024).
  await t.db.update(users).set({ displayName: PROFILE.head.name }).where(eq(users.id, executive.id));
  const created = await json(
    await secretariat.post('/api/plans', { organizationId: province.id, fiscalYear: 2568 }),
  );
  const units = [division.id, regional.id];
  const content = {
    ...created.content,
    title: PLAN_TITLE,
    monitoringSection: 'หน่วยงานรายงานผลต่อสำนักงานจังหวัดทุก 6 เดือน',
    issues: [
      {
        id: 'i1',
        title: 'การเปิดเผยข้อมูล',
        stance: 'urgent',
        measures: [1, 2].map((n) => ({
          id: `m${n}`,
          kind: 'activity',
          title: `กิจกรรมเผยแพร่ข้อมูลที่ ${n}`,
          steps: [{ id: `m${n}s1`, text: 'เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน' }],
          responsible: { unitIds: units, external: [] },
          timeframe: { start: '2567-10', end: '2568-09' },
          monitoring: 'ติดตามทุกไตรมาส',
        })),
      },
    ],
  };
  const saved = await json(
    await secretariat.request('PUT', `/api/plans/${created.id}`, { rowVersion: created.rowVersion, content }),
  );
  const admin = await t.signedIn([{ role: 'admin', on: province }]);
  let plan = await json(
    await admin.post(`/api/plans/${created.id}/submit`, {
      rowVersion: saved.rowVersion,
      overrideReason: 'แผนตัวอย่างสำหรับทดสอบชุดเอกสาร',
    }),
  );
  plan = await json(
    await executive.post(`/api/plans/${created.id}/decision`, {
      decision: 'approve',
      rowVersion: plan.rowVersion,
      memoNumber: 'ทส 0017.2/99',
      memoDate: '2024-10-20',
    }),
  );
  await json(await secretariat.post(`/api/plans/${created.id}/circulate`, { rowVersion: plan.rowVersion }));
  planId = created.id;
  const round = await json(
    await secretariat.post('/api/rounds', { planId, kind: '6m', dueDate: '2025-04-30' }),
  );
  const opened = await json(
    await secretariat.post(`/api/rounds/${round.id}/open`, { rowVersion: round.rowVersion }),
  );
  roundId = round.id;
  roundVersion = opened.rowVersion;
  const reporter = await t.signedIn([{ role: 'unit_reporter', on: division }]);
  for (const slot of await json(await reporter.get('/api/reports/mine'))) {
    const r = await reporter.post(`/api/reports/${slot.id}/submit`, {
      rowVersion: slot.rowVersion,
      result: 'เผยแพร่ข้อมูลแล้ว',
      progress: 'done',
      percent: 100,
      problems: '',
      suggestions: '',
      links: [],
    });
    expect(r.status, await r.clone().text()).toBe(200);
  }
}, 180_000);
afterAll(async () => {
  await pdf.close();
  await t.close();
});

async function generate(body: object) {
  const r = await secretariat.post('/api/documents', body);
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

async function files(made: { document: { files: { format: string; url: string }[] } }, name: string) {
  const get = async (format: string) =>
    new Uint8Array(
      await (await secretariat.get(made.document.files.find((f) => f.format === format)!.url)).arrayBuffer(),
    );
  const pdfBytes = await get('pdf');
  const pngs = await pdfPagesToPng(pdfBytes, OUT, undefined, { prefix: `evidence-${name}-` });
  expect(pngs.length).toBeGreaterThan(0);
  return { docx: await docxText(await get('docx')), pdf: (await pdfText(pdfBytes)).join('\n') };
}

const countRows = async () => ({
  documents: (await t.db.select().from(documents)).length,
  audit: (await t.db.select().from(auditEvents)).length,
});

/** The product's name is never in an official text (the plan's own name …และความโปร่งใส may be). */
const expectNoProductName = (text: string) => {
  expect(text).not.toMatch(/prongsai/i);
  expect(text.replaceAll('และความโปร่งใส', '')).not.toContain('โปร่งใส');
};

describe('organisation document profile', () => {
  it('defaults a province to its provincial office and governor, and is remembered once saved', async () => {
    const before = await json(await secretariat.get(`/api/documents/settings/${province.id}`));
    expect(before.profile.department).toBe('สำนักงานจังหวัดทดสอบหลักฐาน');
    expect(before.profile.to).toBe('ผู้ว่าราชการจังหวัดทดสอบหลักฐาน');
    const r = await secretariat.put(`/api/documents/settings/${province.id}/profile`, PROFILE);
    expect(r.status, await r.clone().text()).toBe(200);
    const after = await json(await secretariat.get(`/api/documents/settings/${province.id}`));
    expect(after.profile).toEqual(PROFILE);
  });

  it('refuses a profile with too many position lines, naming the field, and writes nothing', async () => {
    const before = await countRows();
    const r = await secretariat.put(`/api/documents/settings/${province.id}/profile`, {
      ...PROFILE,
      head: { name: 'x', positions: ['1', '2', '3', '4', '5', '6'] },
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await json(r))).toContain('head.positions');
    expect(await countRows()).toEqual(before);
  });
});

describe('approval memo', () => {
  it('reuses the signer typed for the plan, asks to approve and to publish, with the head’s decision', async () => {
    await generate({
      kind: 'plan',
      subjectType: 'plan',
      subjectId: planId,
      options: { digits: 'arabic', signer: SIGNER },
    });
    const settings = await json(await secretariat.get(`/api/documents/settings/${province.id}`));
    expect(settings.profile.signer).toEqual(SIGNER);
    expect(settings.options.memo.signer).toEqual(SIGNER);
    // No options: the memo is made with what the organisation remembers.
    const made = await generate({ kind: 'memo', subjectType: 'plan', subjectId: planId });
    const { docx, pdf: text } = await files(made, 'approval-memo');
    expect(docx).toContain('ส่วนราชการ สำนักงานจังหวัดทดสอบหลักฐาน กลุ่มงานยุทธศาสตร์');
    // The phone number is held together by no-break spaces: it never breaks across lines.
    expect(docx).toContain('โทร.\u00a0๐\u00a0๕๕๕๑\u00a0๑๒๓๔');
    expect(docx).toContain('ที่ ทส ๐๐๑๗.๒/');
    expect(docx).toContain('เรียน ผู้ว่าราชการจังหวัดทดสอบหลักฐาน');
    expect(docx).toContain('ขอความเห็นชอบ');
    expect(docx).toContain('อนุญาตให้เผยแพร่');
    expect(docx).toContain(`(${SIGNER.name})`);
    expect(docx).toContain('เห็นชอบ');
    expect(docx).toContain(`(${PROFILE.head.name})`);
    expect(docx.indexOf(`(${SIGNER.name})`)).toBeLessThan(docx.indexOf(`(${PROFILE.head.name})`));
    // The plan was approved in the app: the head's decision is printed as signed electronically.
    expect(docx.indexOf('ลงนามอิเล็กทรอนิกส์')).toBeGreaterThan(docx.indexOf(`(${SIGNER.name})`));
    expectNoProductName(docx);
    expect(text).toContain('บันทึกข้อความ');
  }, 120_000);
});

describe('circular', () => {
  it('drafts per addressee: the division gets the memo, the regional unit (a ministry’s) the letter', async () => {
    const draft = await json(await secretariat.get(`/api/documents/drafts/circular/plan/${planId}`));
    expect(draft.draft.content.recipients).toEqual(['กลุ่มงานบริหารทั่วไป']);
    expect(draft.draft.content.letterRecipients).toEqual(['สำนักงานพาณิชย์จังหวัดทดสอบหลักฐาน']);
    expectNoProductName(JSON.stringify(draft.draft.content));
  });

  it('makes the internal memo and the external letter in their official forms', async () => {
    const memo = await files(
      await generate({ kind: 'circular', subjectType: 'plan', subjectId: planId }),
      'circular-memo',
    );
    expect(memo.docx).toContain('บันทึกข้อความ');
    expect(memo.docx).toContain('ที่ ทส ๐๐๑๗.๒/ว');
    expect(memo.docx).toContain('เรียน หัวหน้ากลุ่มงานบริหารทั่วไป');
    expectNoProductName(memo.docx);
    const letter = await files(
      await generate({
        kind: 'circular-letter',
        subjectType: 'plan',
        subjectId: planId,
        options: { digits: 'thai', documentNumber: '15', signer: SIGNER },
      }),
      'circular-letter',
    );
    const order = [
      'ที่ ทส ๐๐๑๗.๒/ว ๑๕',
      'ศาลากลางจังหวัดทดสอบหลักฐาน',
      'ถนนพหลโยธิน',
      'เรื่อง แจ้งเวียน',
      'เรียน หัวหน้าสำนักงานพาณิชย์จังหวัดทดสอบหลักฐาน',
      'สิ่งที่ส่งมาด้วย',
      'จึงเรียนมาเพื่อโปรดทราบ',
      'ขอแสดงความนับถือ',
      `(${SIGNER.name})`,
      'กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด',
      'โทร. ๐ ๕๕๕๑ ๑๒๓๔',
      'ไปรษณีย์อิเล็กทรอนิกส์ saraban@example.go.th',
    ];
    // Each part after the one before it.
    let from = 0;
    for (const part of order) {
      const at = letter.docx.indexOf(part, from);
      expect(at, `${part} after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
    // Not a memo: no บันทึกข้อความ heading, it opens with ที่ … and the agency.
    expect(letter.docx.startsWith('ที่ ทส')).toBe(true);
    expectNoProductName(letter.docx);
  }, 120_000);

  it('refuses a circular with no addressee, naming the field, and writes nothing', async () => {
    const draft = await json(await secretariat.get(`/api/documents/drafts/circular/plan/${planId}`));
    const saved = await secretariat.request('PUT', `/api/documents/drafts/circular/plan/${planId}`, {
      rowVersion: draft.rowVersion,
      draft: { kind: 'circular', content: { ...draft.draft.content, letterRecipients: [] } },
    });
    expect(saved.status).toBe(200);
    const before = await countRows();
    const r = await secretariat.post('/api/documents', {
      kind: 'circular-letter',
      subjectType: 'plan',
      subjectId: planId,
    });
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error.message_th).toContain('ยังไม่มีผู้รับ');
    expect(body.error.message_en).toContain('letterRecipients');
    expect(await countRows()).toEqual(before);
  });
});

describe('web-publication request form', () => {
  it('is refused before the plan is published, saying so, and writes nothing', async () => {
    const before = await countRows();
    const r = await secretariat.post('/api/documents', {
      kind: 'publication-form',
      subjectType: 'plan',
      subjectId: planId,
    });
    expect(r.status).toBe(409);
    const body = await json(r);
    expect(body.error.message_th).toContain('ยังไม่ได้เผยแพร่');
    expect(body.error.message_en).toContain('Publish first');
    expect(await countRows()).toEqual(before);
  });

  it('states the public address of the live plan, the requester, the approver and who published it', async () => {
    const published = await secretariat.post('/api/publications', { kind: 'plan', subjectId: planId });
    expect(published.status, await published.clone().text()).toBe(200);
    const { publication } = await json(published);
    const made = await generate({ kind: 'publication-form', subjectType: 'plan', subjectId: planId });
    const { docx } = await files(made, 'publication-form-plan');
    expect(docx).toContain('แบบฟอร์มการขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน');
    expect(docx).toContain(`${PUBLIC_URL}${publication.latestUrl}`);
    expect(docx).toContain(PLAN_TITLE.replace(/\d/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]!));
    expect(docx).toContain('ผู้รับผิดชอบการให้ข้อมูล');
    expect(docx).toContain(`(${SIGNER.name})`);
    expect(docx).toContain('ผู้อนุมัติรับรอง');
    expect(docx).toContain(`(${PROFILE.head.name})`);
    expect(docx).toContain('ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่');
    // The name of the user who published (test users are named after their e-mail address).
    expect(publication.publishedByName).toMatch(/^ผู้ใช้ user-/);
    expect(docx).toMatch(/ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่[\s\S]*\(ผู้ใช้ user-/);
    expectNoProductName(docx);
  }, 120_000);
});

describe('round memo', () => {
  it('is refused while the round is open, naming what is missing, and writes nothing', async () => {
    const before = await countRows();
    const r = await secretariat.post('/api/documents', {
      kind: 'memo',
      subjectType: 'round',
      subjectId: roundId,
    });
    expect(r.status).toBe(409);
    const body = await json(r);
    expect(body.error.message_th).toContain('ยังไม่ได้ปิดรอบการรายงาน');
    expect(body.error.message_th).toMatch(/รายงานแล้ว 2 จาก 4 รายการ/);
    expect(body.error.message_en).toContain('Close the round first');
    expect(await countRows()).toEqual(before);
  });

  it('once closed: the head acknowledges the report and directs what follows; the fiscal year once', async () => {
    const closed = await secretariat.post(`/api/rounds/${roundId}/close`, { rowVersion: roundVersion });
    expect(closed.status, await closed.clone().text()).toBe(200);
    const made = await generate({ kind: 'memo', subjectType: 'round', subjectId: roundId });
    const { docx } = await files(made, 'round-memo');
    const subject = docx.split('\n').find((l) => l.includes('เรื่อง รายงานผลการดำเนินงาน'))!;
    expect(subject.match(/ปีงบประมาณ/g)).toHaveLength(1);
    expect(docx).toContain('ทราบผลการดำเนินงาน');
    expect(docx).toContain('เร่งรัดมาตรการที่ยังไม่แล้วเสร็จ');
    expect(docx).toContain(`(${PROFILE.head.name})`);
    expectNoProductName(docx);
  }, 120_000);

  it('the round’s publication form comes once its report is published', async () => {
    const refused = await secretariat.post('/api/documents', {
      kind: 'publication-form',
      subjectType: 'round',
      subjectId: roundId,
    });
    expect(refused.status).toBe(409);
    expect((await json(refused)).error.message_th).toContain('รายงานผลรอบนี้');
    const published = await secretariat.post('/api/publications', { kind: 'round', subjectId: roundId });
    expect(published.status, await published.clone().text()).toBe(200);
    const made = await generate({
      kind: 'publication-form',
      subjectType: 'round',
      subjectId: roundId,
      options: { digits: 'arabic', signer: SIGNER },
    });
    const { docx } = await files(made, 'publication-form-round');
    expect(docx).toContain(`${PUBLIC_URL}/p/`);
    expect(docx).toContain('/2568/round/6m');
    expect(docx).toContain('รายงานผลการดำเนินงานตาม');
  }, 120_000);
});
