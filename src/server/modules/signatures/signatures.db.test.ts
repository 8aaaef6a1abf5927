import fs from 'node:fs';
import path from 'node:path';
import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../../../tests/support/docx-text.ts';
import { inkProblems, pageInk } from '../../../../tests/support/page-ink.ts';
import { pdfPagesToPng, pdfText } from '../../../../tests/support/pdf-text.ts';
import { setUpPlanContent } from '../../../../tests/support/plan-content.ts';
import {
  type Client,
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { queryRows } from '../../db/client.ts';
import {
  plans,
  publications,
  reportSlots,
  signatureFiles,
  signatures,
  users,
} from '../../db/schema/index.ts';
import { createSession } from '../auth/sessions.ts';
import { pdfPrinter } from '../documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../documents/render-formats.ts';
import { planVersionHash } from './rules/canonical.ts';
import { VERIFY_MAX_BYTES } from './verify.routes.ts';

/**
 * Issue 16, item 2: an executive's approval of a plan is recorded as an electronic signature, printed in
 * the memo and the plan (PDF and DOCX), and confirmed or refused by the public verification page,
 * which reveals nothing unpublished.
 */
const OUT = path.resolve('test-output/signatures');
const PUBLIC_URL = 'https://ita.example.go.th';
const TITLE = 'มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน จังหวัดลงนาม';
const POSITION = 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทนผู้ว่าราชการจังหวัดลงนาม';

let t: TestContext;
let pdf: PdfRenderer;
let province: TestOrg;
let secretariat: Client;
let executive: Client & { id: string };
let executiveName: string;

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const squash = (s: string) => s.replace(/[\s\u00a0\u2060]/g, '');
const plain = (s: string) => s.replaceAll('\u2060', '').replaceAll('\u00a0', ' ');

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
    config: { publicUrl: PUBLIC_URL },
  });
  province = await t.org(null, { nameTh: 'จังหวัดลงนาม' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: province }]);
  executive = await t.signedIn([{ role: 'executive', on: province }]);
  executiveName = 'นายผู้บริหาร ลงนามดี';
  await t.db.update(users).set({ displayName: executiveName }).where(eq(users.id, executive.id));
  fs.mkdirSync(OUT, { recursive: true });
}, 60_000);
afterAll(async () => {
  await pdf.close();
  await t.close();
});

/** A complete plan of the province for a fiscal year, submitted; its id and row version. */
async function submittedPlan(fiscalYear: number) {
  const created = await json(
    await secretariat.post('/api/plans', { organizationId: province.id, fiscalYear, issuesFrom: 'none' }),
  );
  const saved = await secretariat.put(`/api/plans/${created.id}`, {
    rowVersion: created.rowVersion,
    content: setUpPlanContent(created.content.title, fiscalYear, [
      { id: 'm1', title: 'จัดทำคู่มือการให้บริการและเผยแพร่บนเว็บไซต์', unitIds: [province.id] },
    ]),
  });
  expect(saved.status, await saved.clone().text()).toBe(200);
  const submitted = await secretariat.post(`/api/plans/${created.id}/submit`, {
    rowVersion: (await json(saved)).rowVersion,
  });
  expect(submitted.status, await submitted.clone().text()).toBe(200);
  return json(submitted) as Promise<{ id: string; rowVersion: number }>;
}

async function approve(client: Client, plan: { id: string; rowVersion: number }, extra = {}) {
  const r = await client.post(`/api/plans/${plan.id}/decision`, {
    decision: 'approve',
    rowVersion: plan.rowVersion,
    memoNumber: 'ลน 0017.2/99',
    memoDate: today(),
    ...extra,
  });
  expect(r.status, await r.clone().text()).toBe(200);
  return json(r);
}

async function generate(kind: 'memo' | 'plan', planId: string) {
  const r = await secretariat.post('/api/documents', {
    kind,
    subjectType: 'plan',
    subjectId: planId,
    options: {
      digits: 'thai',
      documentNumber: 'ลน 0017.2/99',
      documentDate: today(),
      signer: { name: 'นางสาวผู้เสนอ ทดสอบ', positions: ['นักวิเคราะห์นโยบายและแผนชำนาญการ'] },
    },
  });
  expect(r.status, await r.clone().text()).toBe(200);
  const { document } = await json(r);
  const file = async (format: string) => {
    const f = document.files.find((x: { format: string }) => x.format === format);
    const got = await secretariat.get(f.url);
    expect(got.status).toBe(200);
    return new Uint8Array(await got.arrayBuffer());
  };
  return { document, pdf: await file('pdf'), docx: await file('docx') };
}

/** A statement the append-only trigger refuses (the driver wraps the database's message). */
async function expectRefused(statement: SQL) {
  const error = await t.db.execute(statement).then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, 'refused').not.toBeNull();
  expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(/append-only/);
}

const verifyCode = (code: string, lang = '') => t.app.request(`http://localhost/verify/${code}${lang}`);
function verifyFile(bytes: Uint8Array, name = 'memo.pdf') {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return t.app.request('http://localhost/verify', { method: 'POST', body: form });
}

async function signaturesOf(planId: string) {
  const r = await executive.get(`/api/signatures?planId=${planId}`);
  expect(r.status).toBe(200);
  return json(r) as Promise<
    {
      id: string;
      code: string;
      signerName: string;
      signerPosition: string;
      verifiedBy: string;
      identityProvider: string | null;
      revocation: { reason: string } | null;
      canRevoke: boolean;
    }[]
  >;
}

describe('electronic signature of a plan approval', () => {
  let plan: { id: string; rowVersion: number };
  let code: string;
  let signed: { pdf: Uint8Array; docx: Uint8Array };

  it('an unapproved plan has no signature, and its memo matches nothing signed', async () => {
    plan = await submittedPlan(2570);
    expect(await signaturesOf(plan.id)).toEqual([]);
    const unsigned = await generate('memo', plan.id);
    expect(plain(await docxText(unsigned.docx))).not.toContain('ลงนามอิเล็กทรอนิกส์');
    const r = await verifyFile(unsigned.pdf);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('ไม่ตรงกับเอกสารที่ลงนาม');
  });

  it('offers the profile head position to an executive who never signed (the profile names no head)', async () => {
    const offered = await json(await executive.get(`/api/signatures/suggested-position?planId=${plan.id}`));
    expect(offered.position).toBe('ผู้ว่าราชการจังหวัดลงนาม');
  });

  it('approving records the signature: signer, stated position, the hash of the version, password, a code', async () => {
    const before = await t.db.select().from(plans).where(eq(plans.id, plan.id));
    const approved = await approve(executive, plan, { signerPosition: ` ${POSITION} ` });
    expect(approved.status).toBe('approved');
    const [row] = await t.db.select().from(signatures).where(eq(signatures.subjectId, plan.id));
    expect(row).toMatchObject({
      action: 'plan.approve',
      subjectType: 'plan',
      signerUserId: executive.id,
      signerName: executiveName,
      signerPosition: POSITION,
      verifiedBy: 'password',
      identityProvider: null,
      canonicalForm: 'plan-version/1',
      organizationId: province.id,
    });
    expect(row!.contentSha256).toBe(planVersionHash(before[0]!));
    expect(row!.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    const [listed] = await signaturesOf(plan.id);
    code = listed!.code;
    expect(code).toBe(`${row!.code.slice(0, 5)}-${row!.code.slice(5)}`);
    expect(listed!.canRevoke).toBe(true);
    // The next approval by the same person offers the position stated this time.
    const suggested = await json(await executive.get(`/api/signatures/suggested-position?planId=${plan.id}`));
    expect(suggested.position).toBe(POSITION);
  });

  it('the memo PDF and DOCX print the signature block in place of the hand signature', async () => {
    signed = await generate('memo', plan.id);
    const docx = plain(await docxText(signed.docx));
    expect(docx).toContain('ลงนามอิเล็กทรอนิกส์');
    expect(docx).toContain(`(${executiveName})`);
    expect(docx).toContain(POSITION);
    expect(docx).toContain('ยืนยันตัวตนด้วยรหัสผ่านของระบบ');
    expect(docx).toContain(`รหัสตรวจสอบ ${code}`);
    expect(docx).toContain(`ตรวจสอบได้ที่ ${PUBLIC_URL}/verify`);
    expect(docx).toMatch(/วันที่ [๐-๙]+ [ก-๙]+ [๐-๙]{4} เวลา [๐-๙]{2}\.[๐-๙]{2} น\./);
    // The head's hand-written date line is gone (the signature dates itself).
    expect(docx).not.toContain(`วันที่ ${'.'.repeat(30)}`);
    // The approval the signature records is ticked; permission to publish is not recorded, not ticked.
    expect(docx).toContain('( / ) เห็นชอบ');
    expect(docx).toContain('(   ) อนุญาตให้เผยแพร่');

    const pages = await pdfText(signed.pdf);
    const lines = pages.flatMap((p) => p.split('\n')).map(squash);
    // Each line of the block is one whole line of the PDF: no line of it ends inside a word. The long
    // position takes two lines, broken between words.
    const whole = squash(POSITION);
    const at = lines.findIndex((l, i) => l !== whole && `${l}${lines[i + 1]}` === whole);
    expect(at, lines.slice(-12).join('\n')).toBeGreaterThan(0);
    const breakAt = lines[at]!.length;
    const boundaries = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(whole)].map(
      (s) => s.index,
    );
    expect(boundaries, `${lines[at]}|${lines[at + 1]}`).toContain(breakAt);
    for (const expected of [
      'ลงนามอิเล็กทรอนิกส์',
      `(${executiveName})`,
      'ยืนยันตัวตนด้วยรหัสผ่านของระบบ',
      `รหัสตรวจสอบ${code}`,
      `ตรวจสอบได้ที่${PUBLIC_URL}/verify`,
    ]) {
      expect(lines, expected).toContain(squash(expected));
    }
    fs.writeFileSync(path.join(OUT, 'signed-memo.pdf'), signed.pdf);
    fs.writeFileSync(path.join(OUT, 'signed-memo.docx'), signed.docx);
    const ink = await pageInk(signed.pdf, OUT, { prefix: 'signed-memo-ink-' });
    expect(inkProblems(ink)).toEqual([]);
    await pdfPagesToPng(signed.pdf, OUT, undefined, { prefix: 'signed-memo-' });
  }, 60_000);

  it('the plan document prints ผู้เห็นชอบ as signed electronically', async () => {
    const planDoc = await generate('plan', plan.id);
    const docx = plain(await docxText(planDoc.docx));
    expect(docx).toContain('ผู้เห็นชอบ');
    expect(docx).toContain(`รหัสตรวจสอบ ${code}`);
    expect(docx).not.toContain(`ผู้เห็นชอบ ${'.'.repeat(40)}`);
    const pages = await pdfText(planDoc.pdf);
    expect(squash(pages.at(-1)!)).toContain(squash(`รหัสตรวจสอบ ${code}`));
    fs.writeFileSync(path.join(OUT, 'signed-plan.pdf'), planDoc.pdf);
    expect(inkProblems(await pageInk(planDoc.pdf, OUT, { prefix: 'signed-plan-ink-' }))).toEqual([]);
    await pdfPagesToPng(planDoc.pdf, OUT, [pages.length], { prefix: 'signed-plan-' });
  }, 60_000);

  it('the verification page confirms by code (as typed) and by the exact PDF, revealing nothing unpublished', async () => {
    for (const typed of [code, code.toLowerCase().replace('-', ' '), code.replace('-', '')]) {
      const r = await t.app.request(`http://localhost/verify?code=${encodeURIComponent(typed)}`);
      expect(r.status, typed).toBe(200);
      const html = await r.text();
      expect(html).toContain('ลายมือชื่ออิเล็กทรอนิกส์ถูกต้อง');
      expect(html).toContain(executiveName);
      expect(html).toContain(POSITION);
      expect(html).toContain('ยืนยันตัวตนด้วยรหัสผ่านของระบบ');
      expect(html).toContain('จังหวัดลงนาม');
      // Not published: no title.
      expect(html).not.toContain(TITLE);
      expect(html).toContain('ยังไม่ได้เผยแพร่');
    }
    const byFile = await verifyFile(signed.pdf);
    expect(byFile.status).toBe(200);
    const html = await byFile.text();
    expect(html).toContain('ไฟล์นี้ตรงกับเอกสารที่ลงนามทุกประการ');
    expect(html).toContain(code);
    expect(html).not.toContain(TITLE);
    expect(byFile.headers.get('content-security-policy')).toContain("form-action 'self'");
    const docx = await verifyFile(signed.docx, 'memo.docx');
    expect(docx.status).toBe(200);
    const en = await (await verifyCode(code, '?lang=en')).text();
    expect(en).toContain('The electronic signature is valid');
    expect(en).toContain('Identity verified with the system password');
  });

  it('refuses a changed file (one byte), an unknown code and a malformed one, clearly and writing nothing', async () => {
    const count = async () =>
      queryRows<{ n: string }>(
        t.db,
        sql`select (select count(*) from signatures) + (select count(*) from signature_revocations) + (select count(*) from signature_files) as n`,
      );
    const before = await count();
    const changed = new Uint8Array(signed.pdf);
    const at = Math.floor(changed.length / 2);
    changed[at] = (changed[at] ?? 0) ^ 1;
    const r = await verifyFile(changed);
    expect(r.status).toBe(404);
    const text = await r.text();
    expect(text).toContain('ไม่ตรงกับเอกสารที่ลงนาม');
    expect(text).toContain('ขอไฟล์ต้นฉบับ');
    const unknown = await verifyCode('ZZZZZ-ZZZZZ');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('ไม่พบลายมือชื่ออิเล็กทรอนิกส์ที่มีรหัสนี้');
    const malformed = await verifyCode('ABC');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('รหัสตรวจสอบไม่ถูกต้อง');
    const malformedEn = await verifyCode('ABCDU-12345', '?lang=en');
    expect(malformedEn.status).toBe(400);
    expect(await malformedEn.text()).toContain('This is not a verification code');
    const empty = await t.app.request('http://localhost/verify', { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('ยังไม่ได้เลือกไฟล์');
    // Larger than any document the app makes: refused before it is read whole.
    const big = await verifyFile(new Uint8Array(VERIFY_MAX_BYTES + 1), 'big.pdf');
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('ไฟล์ใหญ่เกิน');
    expect(await count()).toEqual(before);
  });

  it('signatures cannot be updated or deleted (the trigger)', async () => {
    await expectRefused(sql`update signatures set signer_name = 'x'`);
    await expectRefused(sql`delete from signatures`);
  });

  it('once published, the page names the document and links to it', async () => {
    const r = await secretariat.post('/api/publications', { kind: 'plan', subjectId: plan.id });
    expect(r.status, await r.clone().text()).toBe(200);
    // The published plan's files carry the signature, with the verification address, and are tied to it.
    const [published] = await t.db.select().from(publications).where(eq(publications.subjectId, plan.id));
    const docx = await secretariat.get(`/api/documents/${published!.documentId}/docx`);
    expect(docx.status).toBe(200);
    expect(plain(await docxText(new Uint8Array(await docx.arrayBuffer())))).toContain(
      `ตรวจสอบได้ที่ ${PUBLIC_URL}/verify`,
    );
    const tied = await t.db
      .select()
      .from(signatureFiles)
      .where(eq(signatureFiles.documentId, published!.documentId));
    expect(tied.map((f) => f.format).sort()).toEqual(['docx', 'pdf']);
    const html = await (await verifyCode(code)).text();
    // The published title as the public pages print it (Thai digits on the Thai page).
    expect(plain(html)).toContain(`${TITLE} ประจำปีงบประมาณ พ.ศ. ๒๕๗๐`);
    expect(html).toMatch(/href="\/p\/[^"]+\/2570\/plan/);
  }, 60_000);

  it('revocation: by the signer with a reason; shown as revoked; documents no longer print it', async () => {
    const [sig] = await signaturesOf(plan.id);
    expect(
      (await secretariat.post(`/api/signatures/${sig!.id}/revocation`, { reason: 'ลงนามผิดฉบับ' })).status,
    ).toBe(403);
    expect((await executive.post(`/api/signatures/${sig!.id}/revocation`, {})).status).toBe(400);
    const r = await executive.post(`/api/signatures/${sig!.id}/revocation`, {
      reason: 'ลงนามผิดฉบับ ต้องแก้ไขแผน',
    });
    expect(r.status, await r.clone().text()).toBe(200);
    expect((await json(r)).revocation.reason).toBe('ลงนามผิดฉบับ ต้องแก้ไขแผน');
    expect(
      (await executive.post(`/api/signatures/${sig!.id}/revocation`, { reason: 'อีกครั้งหนึ่ง' })).status,
    ).toBe(409);
    const page = await verifyCode(code);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('ถูกเพิกถอนแล้ว');
    expect(html).toContain('ลงนามผิดฉบับ ต้องแก้ไขแผน');
    expect(html).not.toContain('ลายมือชื่ออิเล็กทรอนิกส์ถูกต้อง');
    const old = await (await verifyFile(signed.pdf)).text();
    expect(old).toContain('ลายมือชื่อถูกเพิกถอนแล้ว');
    const again = await generate('memo', plan.id);
    const docx = plain(await docxText(again.docx));
    expect(docx).not.toContain('ลงนามอิเล็กทรอนิกส์');
    expect(docx).not.toContain(code);
    expect(docx).toContain(`วันที่ ${'.'.repeat(30)}`);
    expect(docx).toContain('(   ) เห็นชอบ');
    const [listed] = await signaturesOf(plan.id);
    expect(listed!.revocation?.reason).toBe('ลงนามผิดฉบับ ต้องแก้ไขแผน');
    expect(listed!.canRevoke).toBe(false);
    await expectRefused(sql`update signature_revocations set reason = 'x'`);
  }, 60_000);

  it('a round report: the executive acknowledges the closed round; its memo prints the signature while the report is unchanged', async () => {
    const version = await json(await secretariat.get(`/api/plans/${plan.id}`));
    const circulated = await secretariat.post(`/api/plans/${plan.id}/circulate`, {
      rowVersion: version.rowVersion,
    });
    expect(circulated.status, await circulated.clone().text()).toBe(200);
    const created = await secretariat.post('/api/rounds', {
      planId: plan.id,
      kind: '6m',
      dueDate: new Date(Date.now() + 7 * 3600_000 + 3 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const round = await json(created);
    const opened = await json(
      await secretariat.post(`/api/rounds/${round.id}/open`, { rowVersion: round.rowVersion }),
    );
    // Not before the round is closed, and only by an executive.
    const early = await executive.post(`/api/signatures/rounds/${round.id}/acknowledgement`, {});
    expect(early.status).toBe(409);
    const closed = await secretariat.post(`/api/rounds/${round.id}/close`, { rowVersion: opened.rowVersion });
    expect(closed.status, await closed.clone().text()).toBe(200);
    expect((await secretariat.post(`/api/signatures/rounds/${round.id}/acknowledgement`, {})).status).toBe(
      403,
    );

    const roundMemo = async () => {
      const r = await secretariat.post('/api/documents', {
        kind: 'memo',
        subjectType: 'round',
        subjectId: round.id,
        options: { digits: 'thai', documentNumber: 'ลน 0017.2/100', documentDate: today() },
      });
      expect(r.status, await r.clone().text()).toBe(200);
      const { document } = await json(r);
      const f = document.files.find((x: { format: string }) => x.format === 'docx');
      return plain(await docxText(new Uint8Array(await (await secretariat.get(f.url)).arrayBuffer())));
    };
    expect(await roundMemo()).not.toContain('ลงนามอิเล็กทรอนิกส์');

    const acked = await executive.post(`/api/signatures/rounds/${round.id}/acknowledgement`, {
      signerPosition: POSITION,
    });
    expect(acked.status, await acked.clone().text()).toBe(201);
    const signature = await json(acked);
    expect(signature).toMatchObject({
      action: 'round.acknowledge',
      subjectType: 'round',
      signerPosition: POSITION,
    });
    const [row] = await t.db.select().from(signatures).where(eq(signatures.subjectId, round.id));
    expect(row!.canonicalForm).toBe('round-report/1');
    // The same report twice: refused.
    expect((await executive.post(`/api/signatures/rounds/${round.id}/acknowledgement`, {})).status).toBe(409);

    const memo = await roundMemo();
    expect(memo).toContain('ลงนามอิเล็กทรอนิกส์');
    expect(memo).toContain(`รหัสตรวจสอบ ${signature.code}`);
    expect(memo).toContain('( / ) ทราบ');
    expect(memo).toContain('(   ) เห็นชอบตามเสนอ');
    const page = await (await verifyCode(signature.code)).text();
    expect(page).toContain('รับทราบรายงานผลการดำเนินงานตามมาตรการ');
    expect((await json(await executive.get(`/api/signatures?roundId=${round.id}`)))[0].code).toBe(
      signature.code,
    );
    expect((await executive.get(`/api/signatures?roundId=${round.id}&planId=${plan.id}`)).status).toBe(400);

    // The report changed afterwards (a unit's report accepted after the round was reopened): the memo no
    // longer prints a signature of what it does not say.
    await t.db
      .update(reportSlots)
      .set({ state: 'accepted', progress: 'done', result: 'จัดทำคู่มือแล้วเสร็จ' })
      .where(eq(reportSlots.roundId, round.id));
    const changed = await roundMemo();
    expect(changed).not.toContain('ลงนามอิเล็กทรอนิกส์');
    expect(changed).not.toContain(signature.code);
  }, 90_000);

  it('a session signed in with ThaID signs as verified by ThaID', async () => {
    const next = await submittedPlan(2571);
    const session = await createSession(t.db, executive.id, {
      ip: '127.0.0.1',
      userAgent: 'test',
      signedInWith: { method: 'oidc', provider: 'ThaID' },
    });
    await approve(t.client(session), next, { signerPosition: POSITION });
    const [sig] = await signaturesOf(next.id);
    expect(sig).toMatchObject({ verifiedBy: 'oidc', identityProvider: 'ThaID' });
    const memo = await generate('memo', next.id);
    expect(plain(await docxText(memo.docx))).toContain('ยืนยันตัวตนด้วย ThaID');
    expect(squash((await pdfText(memo.pdf)).join('\n'))).toContain(squash('ยืนยันตัวตนด้วย ThaID'));
    const en = await (await verifyCode(sig!.code, '?lang=en')).text();
    expect(en).toContain('Identity verified with ThaID');
  }, 60_000);
});
