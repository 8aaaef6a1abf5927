import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNER_LIMITS } from '#shared/documents/contract.ts';
import {
  createTestContext,
  json,
  type TestContext,
  type TestOrg,
} from '../../../../tests/support/test-app.ts';
import { auditEvents, documentOptions, documents } from '../../db/schema/index.ts';
import { pdfPrinter } from './pdf/pdf-printer.ts';
import { PdfRenderer } from './pdf/pdf-renderer.ts';
import { documentRenderersFor } from './render-formats.ts';

/**
 * Options out of range are refused at the API with the field that is wrong, and nothing is stored
 * (no version, no remembered options, no audit event); download names are short, Thai and meaningful.
 * No Chromium here: the PDF is reported missing, DOCX and XLSX are made.
 */
const fontsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-fonts-'));
const pdf = new PdfRenderer({ chromium: { chromiumPath: '/nonexistent/chromium' } });
const LONG_NAME = 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดพระนครศรีอยุธยา';
let t: TestContext;
let org: TestOrg;
let secretariat: Awaited<ReturnType<TestContext['signedIn']>>;
let planId: string;

beforeAll(async () => {
  t = await createTestContext({
    documentRenderers: documentRenderersFor({ fontsDir }, pdfPrinter(pdf)),
    config: { fontsDir },
  });
  const { loadBundledEditions } = await import('../catalogue/catalogue.service.ts');
  await loadBundledEditions(t.db);
  org = await t.org(null, { nameTh: LONG_NAME, code: 'PNA-SOCIAL' });
  secretariat = await t.signedIn([{ role: 'secretariat', on: org }]);
  planId = (await json(await secretariat.post('/api/plans', { organizationId: org.id, fiscalYear: 2570 })))
    .id;
});
afterAll(async () => {
  await pdf.close();
  await t.close();
  fs.rmSync(fontsDir, { recursive: true, force: true });
});

const stored = async () => ({
  documents: (await t.db.select().from(documents)).length,
  options: (await t.db.select().from(documentOptions)).length,
  audit: (await t.db.select().from(auditEvents)).length,
});

type Detail = { path: string; message_th: string; message_en: string };
const nextYear = new Date().getFullYear() + 1;

/** Each bad option, the field the refusal must name, and words its message must hold. */
const BAD: { what: string; options: Record<string, unknown>; field: string; says?: RegExp }[] = [
  { what: 'unknown digits', options: { digits: 'roman' }, field: 'digits', says: /thai/ },
  {
    what: 'a font that is not installed',
    options: { font: 'Comic Sans MS' },
    field: 'font',
    says: /Comic Sans MS.*Sarabun/,
  },
  {
    what: 'a signer name longer than the block',
    options: { signer: { name: 'ก'.repeat(SIGNER_LIMITS.name + 1), positions: [] } },
    field: 'signer.name',
    says: /60/,
  },
  {
    what: 'five position lines',
    options: { signer: { name: 'นายสมชาย ใจดี', positions: ['ก', 'ข', 'ค', 'ง', 'จ'] } },
    field: 'signer.positions',
    says: /4/,
  },
  {
    what: 'a position line longer than the block',
    options: { signer: { name: 'นายสมชาย ใจดี', positions: ['ต'.repeat(SIGNER_LIMITS.position + 1)] } },
    field: 'signer.positions[0]',
    says: /100/,
  },
  {
    what: 'a date before 2500 BE',
    options: { documentDate: '1956-12-31' },
    field: 'documentDate',
    says: /2500|๒๕๐๐/,
  },
  {
    what: 'a date after next year',
    options: { documentDate: `${nextYear + 1}-01-01` },
    field: 'documentDate',
    says: /next year|สิ้นปีหน้า/,
  },
];

describe('document options out of range', () => {
  for (const bad of BAD) {
    it(`refuses ${bad.what} when generating (options.${bad.field}) and when remembering (${bad.field})`, async () => {
      const before = await stored();
      const generated = await secretariat.post('/api/documents', {
        kind: 'plan',
        subjectType: 'plan',
        subjectId: planId,
        options: bad.options,
      });
      expect(generated.status, await generated.clone().text()).toBe(400);
      const g = (await json(generated)).error.details as Detail[];
      expect(g.map((d) => d.path)).toContain(`options.${bad.field}`);
      const gd = g.find((d) => d.path === `options.${bad.field}`)!;
      expect(gd.message_th).not.toBe('');
      if (bad.says) expect(`${gd.message_th} ${gd.message_en}`).toMatch(bad.says);

      const remembered = await secretariat.put(`/api/documents/settings/${org.id}/options/plan`, bad.options);
      expect(remembered.status).toBe(400);
      const r = (await json(remembered)).error.details as Detail[];
      expect(r.map((d) => d.path)).toContain(bad.field);
      expect(await stored()).toEqual(before);
    });
  }

  it('takes the limits themselves: a 60-character name, four 100-character lines, 1 January 2500 BE', async () => {
    const r = await secretariat.put(`/api/documents/settings/${org.id}/options/plan`, {
      signer: {
        name: 'ก'.repeat(SIGNER_LIMITS.name),
        positions: Array.from({ length: SIGNER_LIMITS.positions }, () => 'ต'.repeat(SIGNER_LIMITS.position)),
      },
      documentDate: '1957-01-01',
    });
    expect(r.status, await r.clone().text()).toBe(204);
    const end = await secretariat.put(`/api/documents/settings/${org.id}/options/plan`, {
      documentDate: `${nextYear}-12-31`,
    });
    expect(end.status, await end.clone().text()).toBe(204);
  });
});

describe('download file names', () => {
  it('are the kind, the year, the organisation and the version, under 200 bytes, with an ASCII fallback', async () => {
    const made = await json(
      await secretariat.post('/api/documents', { kind: 'plan', subjectType: 'plan', subjectId: planId }),
    );
    // The whole name would be 227 bytes: it is cut after the last whole word that fits ("จังหวัด").
    const cut = 'สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด';
    for (const file of made.document.files as { format: string; url: string }[]) {
      const r = await secretariat.get(file.url);
      expect(r.status).toBe(200);
      const name = `แผนมาตรการ-2570-${cut}-v1.${file.format}`;
      expect(r.headers.get('content-disposition')).toBe(
        `attachment; filename="plan-2570-PNA-SOCIAL-v1.${file.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      expect(Buffer.byteLength(name)).toBeLessThan(200);
    }
    const docx = made.document.files.find((f: { format: string }) => f.format === 'docx').url;
    const inline = await secretariat.get(`${docx}?inline=1`);
    // Only a PDF is shown inline (the preview); a DOCX is still an attachment, with the same names.
    expect(inline.headers.get('content-disposition')).toMatch(
      /^attachment; filename="plan-2570-PNA-SOCIAL-v1\.docx"/,
    );
  });
});
