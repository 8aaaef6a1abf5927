import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extensionOf, type SniffResult, sniffEvidenceType, ZIP_LIMITS } from './sniff-type.ts';
import {
  buildZip,
  docxParts,
  docxWithJszip,
  lyingDirectoryBomb,
  minimalPdf,
  overlappingBomb,
  PNG_1x1,
  plainZip,
  zerosBomb,
} from './zip-fixture.testutil.ts';

const bytesOf = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts
      .flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p))
      .concat(new Array(64).fill(0)),
  );
const text = (s: string) => new TextEncoder().encode(s);

async function realXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('ผล').addRow(['มาตรการ', 'ร้อยละ']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function refused(result: SniffResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.kind}`);
  return result;
}

describe('evidence file type, from content', () => {
  it.each([
    ['report.pdf', minimalPdf(), 'application/pdf', '.pdf'],
    ['photo.PNG', PNG_1x1, 'image/png', '.png'],
    ['photo.jpg', bytesOf([0xff, 0xd8, 0xff, 0xe0], 'JFIF', [0xff, 0xd9]), 'image/jpeg', '.jpg'],
    ['photo.jpeg', bytesOf([0xff, 0xd8, 0xff, 0xe1], 'Exif', [0xff, 0xd9]), 'image/jpeg', '.jpg'],
    ['anim.gif', bytesOf('GIF89a', [1, 0, 1, 0, 0, 0, 0, 0x3b]), 'image/gif', '.gif'],
    ['old.gif', bytesOf('GIF87a', [1, 0, 1, 0, 0, 0, 0, 0x3b]), 'image/gif', '.gif'],
    ['pic.webp', bytesOf('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp', '.webp'],
    ['no extension', minimalPdf(), 'application/pdf', '.pdf'],
    ['ภาพกิจกรรม ครั้งที่ 1.pdf', minimalPdf(), 'application/pdf', '.pdf'],
  ])('accepts %s', (name, bytes, mediaType, extension) => {
    expect(sniffEvidenceType(bytes, name)).toEqual({
      ok: true,
      kind: expect.any(String),
      mediaType,
      extension,
    });
  });

  it('accepts a DOCX written by jszip and one written by hand', async () => {
    expect(sniffEvidenceType(await docxWithJszip(), 'รายงาน.docx')).toMatchObject({ ok: true, kind: 'docx' });
    expect(sniffEvidenceType(buildZip(docxParts()), 'report.docx')).toMatchObject({ ok: true, kind: 'docx' });
  });

  it('accepts an XLSX written by exceljs', async () => {
    expect(sniffEvidenceType(await realXlsx(), 'ผล.xlsx')).toEqual({
      ok: true,
      kind: 'xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: '.xlsx',
    });
  });

  it('refuses a Windows program renamed .pdf, naming both', () => {
    const result = refused(
      sniffEvidenceType(bytesOf('MZ', [0x90, 0, 3, 0], 'This program cannot be run'), 'scan.pdf'),
    );
    expect(result.reason).toBe('executable');
    expect(result.message_en).toContain('.exe');
    expect(result.message_en).toContain('renamed .pdf');
    expect(result.message_th).toContain('.pdf');
  });

  it('refuses a program under its own name too, and Linux and macOS programs', () => {
    expect(refused(sniffEvidenceType(bytesOf('MZ'), 'setup.exe')).message_en).toMatch(/not accepted/);
    expect(refused(sniffEvidenceType(bytesOf([0x7f], 'ELF', [2, 1, 1]), 'photo.jpg')).reason).toBe(
      'executable',
    );
    expect(refused(sniffEvidenceType(bytesOf([0xcf, 0xfa, 0xed, 0xfe]), 'x.png')).reason).toBe('executable');
  });

  it('refuses SVG always, even named .svg, because it can carry script', () => {
    const svg = text(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const plain = refused(sniffEvidenceType(svg, 'logo.svg'));
    expect(plain.reason).toBe('svg');
    expect(plain.message_en).toMatch(/scripts/);
    expect(refused(sniffEvidenceType(svg, 'logo.png')).message_en).toContain('renamed .png');
  });

  it('refuses HTML, scripts and other XML', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(
      refused(sniffEvidenceType(text('<!DOCTYPE html><html><body>x</body></html>'), 'a.pdf')).reason,
    ).toBe('html');
    expect(refused(sniffEvidenceType(bytesOf(bom, '  <script>evil()</script>'), 'a.htm')).reason).toBe(
      'html',
    );
    expect(refused(sniffEvidenceType(text('#!/bin/sh\nrm -rf /\n'), 'report.pdf')).reason).toBe('script');
    expect(refused(sniffEvidenceType(text('<?php system($_GET[1]);'), 'report.jpg')).reason).toBe('script');
    expect(refused(sniffEvidenceType(text('<?xml version="1.0"?><a/>'), 'data.xml')).reason).toBe('xml');
    expect(refused(sniffEvidenceType(text('just some words'), 'notes.txt')).reason).toBe('unknown');
    const utf16Html = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html>', 'utf16le')]),
    );
    expect(refused(sniffEvidenceType(utf16Html, 'page.pdf')).reason).toBe('html');
  });

  it('refuses legacy Office files, archives, and an empty file', () => {
    const ole = bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(refused(sniffEvidenceType(ole, 'old.doc')).reason).toBe('legacy_office');
    expect(refused(sniffEvidenceType(bytesOf([0x1f, 0x8b, 8]), 'files.gz')).reason).toBe('archive');
    expect(refused(sniffEvidenceType(bytesOf('Rar!\x1a\x07\x00'), 'files.pdf')).message_en).toContain(
      'renamed .pdf',
    );
    expect(refused(sniffEvidenceType(new Uint8Array(0), 'empty.pdf')).reason).toBe('empty');
  });

  it('refuses a plain ZIP, whatever its name', async () => {
    const zip = await plainZip();
    expect(refused(sniffEvidenceType(zip, 'evidence.zip')).reason).toBe('zip');
    expect(refused(sniffEvidenceType(zip, 'evidence.docx')).message_en).toContain('renamed .docx');
    const pptx = buildZip([
      ...docxParts().filter((p) => !p.name.startsWith('word/')),
      { name: 'ppt/presentation.xml', data: text('<p/>') },
    ]);
    expect(refused(sniffEvidenceType(pptx, 'slides.pptx')).reason).toBe('other_office');
  });

  it('refuses a DOCX with macros, ActiveX or an embedded OLE object', async () => {
    const macro = await docxWithJszip({ 'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) });
    const result = refused(sniffEvidenceType(macro, 'report.docx'));
    expect(result.reason).toBe('macros');
    expect(result.message_th).toContain('มาโคร');
    const ole = await docxWithJszip({ 'word/embeddings/oleObject1.bin': new Uint8Array([1, 2, 3]) });
    expect(refused(sniffEvidenceType(ole, 'report.docx')).reason).toBe('active_content');
    const activeX = await docxWithJszip({ 'word/activeX/activeX1.xml': text('<ax/>') });
    expect(refused(sniffEvidenceType(activeX, 'report.docx')).reason).toBe('active_content');
    const chart = await docxWithJszip({ 'word/embeddings/Microsoft_Excel_Worksheet.xlsx': await realXlsx() });
    expect(sniffEvidenceType(chart, 'report.docx')).toMatchObject({ ok: true, kind: 'docx' });
  });

  it('refuses zip bombs from the declared sizes, before inflating anything', () => {
    // A central directory claiming ~4 GiB for a few hundred bytes.
    expect(refused(sniffEvidenceType(lyingDirectoryBomb(), 'report.docx')).reason).toBe('zip_bomb');
    // Many highly compressible parts: 21 × 10 MiB of zeros, over 200 MiB in a file of some 200 KiB.
    const many = zerosBomb(21, 10 * 1024 * 1024);
    expect(many.length).toBeLessThan(1024 * 1024);
    const result = refused(sniffEvidenceType(many, 'report.docx'));
    expect(result.reason).toBe('zip_bomb');
    expect(result.message_en).toMatch(/zip bomb/);
    // Under the total but expanding more than a hundredfold.
    const ratio = zerosBomb(1, 4 * 1024 * 1024);
    expect(4 * 1024 * 1024).toBeLessThan(ZIP_LIMITS.maxTotalUncompressed);
    expect(refused(sniffEvidenceType(ratio, 'report.docx')).reason).toBe('zip_bomb');
  });

  it('refuses overlapping entries and entries that disagree with their local headers', () => {
    expect(refused(sniffEvidenceType(overlappingBomb(), 'report.docx')).reason).toBe('damaged');
    const parts = docxParts();
    const zip = buildZip(parts);
    // Point the last central directory entry's local offset at the first entry.
    const view = Buffer.from(zip);
    const cdOffset = view.readUInt32LE(view.length - 22 + 16);
    let p = cdOffset;
    for (let i = 0; i < parts.length - 1; i++)
      p += 46 + view.readUInt16LE(p + 28) + view.readUInt16LE(p + 30);
    view.writeUInt32LE(0, p + 42);
    expect(refused(sniffEvidenceType(new Uint8Array(view), 'report.docx')).reason).toBe('damaged');
    // A truncated upload: the end of the central directory is missing.
    expect(refused(sniffEvidenceType(zip.subarray(0, zip.length - 30), 'report.docx')).reason).toBe(
      'damaged',
    );
  });

  it('refuses a name whose extension disagrees with the content, naming both', async () => {
    const png = refused(sniffEvidenceType(PNG_1x1, 'photo.jpg'));
    expect(png.reason).toBe('extension_mismatch');
    expect(png.message_en).toContain('PNG');
    expect(png.message_en).toContain('.jpg');
    expect(refused(sniffEvidenceType(minimalPdf(), 'report.pdf.exe')).message_en).toContain('.exe');
    expect(refused(sniffEvidenceType(await docxWithJszip(), 'report.xlsx')).reason).toBe(
      'extension_mismatch',
    );
  });

  it.each([
    ['report.pdf', minimalPdf().subarray(0, 40)],
    ['photo.png', PNG_1x1.subarray(0, 8)],
    ['photo.png', PNG_1x1.subarray(0, PNG_1x1.length - 12)],
    ['photo.jpg', bytesOf([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['anim.gif', bytesOf('GIF89a').subarray(0, 10)],
    ['pic.webp', bytesOf('RIFF', [0xff, 0, 0, 0], 'WEBPVP8 ')],
  ])('refuses %s cut short (its end missing) as damaged, saying so', (name, bytes) => {
    const result = refused(sniffEvidenceType(bytes, name));
    expect(result.reason).toBe('damaged');
    expect(result.message_en).toMatch(/incomplete \(its end is missing/);
    expect(result.message_th).toContain('ไม่สมบูรณ์');
  });

  it.each(['../../../tmp/x', '/etc/cron.d/x', 'word\\..\\..\\x', 'C:/x', 'word/../../x'])(
    'refuses a package with an entry named %s, which points outside it',
    async (entry) => {
      const docx = await docxWithJszip({ [entry]: new Uint8Array([1]) });
      const result = refused(sniffEvidenceType(docx, 'report.docx'));
      expect(result.reason).toBe('damaged');
      expect(result.message_en).toContain('points outside the package');
    },
  );

  it('reads extensions the way Windows does: trailing dots and spaces ignored, paths dropped', () => {
    expect(extensionOf('C:\\fakepath\\scan.PDF')).toBe('.pdf');
    expect(extensionOf('evil.exe. . ')).toBe('.exe');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('a.b/c')).toBe('');
  });
});
