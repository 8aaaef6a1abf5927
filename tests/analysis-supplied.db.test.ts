import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPrinter } from '../src/server/modules/documents/pdf/pdf-printer.ts';
import { PdfRenderer } from '../src/server/modules/documents/pdf/pdf-renderer.ts';
import { documentRenderersFor } from '../src/server/modules/documents/render-formats.ts';
import { docxText } from './support/docx-text.ts';
import { pdfText } from './support/pdf-text.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

/**
 * This year's result at question level: a 2569 result report (the catalogue has no IIT/EIT question
 * list for 2569) imported with each question's wording; the analysis judges those questions, derives
 * the indicator from them, and the analysis page data and documents show the agency's wording.
 */
let t: TestContext;
let pdf: PdfRenderer;

const I1 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงาน/ให้บริการแก่ผู้มาติดต่อ ตามขั้นตอนและระยะเวลาที่กำหนด';
const I2 = 'บุคลากรในหน่วยงานของท่าน ปฏิบัติงานโดยมุ่งผลสำเร็จของงาน';
const E1 = 'เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามขั้นตอนและระยะเวลาที่กำหนด';

beforeAll(async () => {
  pdf = new PdfRenderer();
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir: '/nonexistent' }, pdfPrinter(pdf)),
  });
  const { loadBundledEditions } = await import('../src/server/modules/catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
});
afterAll(async () => {
  await pdf.close();
  await t.close();
});

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\n')}`, 'utf8').toString('base64');

describe('a 2569 result with question codes and wording', () => {
  it('is analysed at question level, and the analysis and its report use the wording', async () => {
    const agency = await t.org(null, { code: 'SUP-AN', nameTh: 'เทศบาลตำบลวิเคราะห์' });
    const secretariat = await t.signedIn([{ role: 'secretariat', on: agency }]);
    const imported = await secretariat.post('/api/assessments/import', {
      fileName: 'ita-2569.csv',
      fiscalYear: 2569,
      commit: true,
      contentBase64: csv([
        'รหัสหน่วยงาน,ตัวชี้วัด,ข้อ,ข้อคำถาม,คะแนน',
        `SUP-AN,ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่,i1,"${I1}",96.00`,
        `SUP-AN,,i2,"${I2}",70.00`,
        `SUP-AN,ตัวชี้วัดที่ 6 คุณภาพการดำเนินงาน,e1,"${E1}",88.00`,
      ]),
    });
    const preview = await json(imported);
    expect(preview.errors, JSON.stringify(preview.errors)).toEqual([]);
    const list = await json(
      await secretariat.get(`/api/assessments?organizationId=${agency.id}&fiscalYear=2569`),
    );
    const resultId = (Array.isArray(list) ? list : list.items)[0].id;
    const created = await secretariat.post(`/api/assessments/${resultId}/analyses`, {
      settings: { urgentBelow: 85 },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const analysis = await json(created);
    const o = analysis.outcome;
    // Indicator 1 is the mean of i1 and i2 (83.00), below 85: a finding, with i2 under it.
    expect(o.indicators.find((i: { number: number }) => i.number === 1)).toMatchObject({
      score: 83,
      derived: true,
      status: 'urgent',
    });
    const findings = o.groups.flatMap((g: { findings: unknown[] }) => g.findings);
    const i2 = findings.find((f: { code: string }) => f.code === 'i2');
    expect(i2).toMatchObject({ scope: 'question', label_th: I2, parentKey: 'indicator:1', kind: 'urgent' });
    expect(i2.draftNarrative_th).toContain(`"${I2}"`);

    const r = await secretariat.post('/api/documents', {
      kind: 'analysis',
      subjectType: 'analysis',
      subjectId: analysis.id,
      options: { digits: 'arabic' },
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const made = await json(r);
    const url = (format: string) =>
      made.document.files.find((f: { format: string; url: string }) => f.format === format)?.url as string;
    const docx = new Uint8Array(await (await secretariat.get(url('docx'))).arrayBuffer());
    const text = await docxText(docx);
    expect(text).toContain(I2);
    expect(text).not.toMatch(/i2 "i2"/);
    const pages = (
      await pdfText(new Uint8Array(await (await secretariat.get(url('pdf'))).arrayBuffer()))
    ).join('\n');
    expect(pages.replace(/\s+/g, '')).toContain(I2.replace(/\s+/g, ''));
  });
});
