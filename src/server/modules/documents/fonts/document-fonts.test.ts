import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import opentype from 'opentype.js';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '#server/http/app-error.ts';
import {
  bundledSarabun,
  listFolderFonts,
  loadDocumentFont,
  MAX_FONT_BYTES,
  matchingBodySize,
  REQUIRED_THAI,
  saveFontFile,
  validateFontFile,
} from './document-fonts.ts';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const nodeModule = (file: string) =>
  new Uint8Array(fs.readFileSync(path.join(repoRoot, 'node_modules', file)));

/** A small OpenType font made with opentype.js: one square glyph per code point. */
function makeFont(options: {
  codePoints: readonly number[];
  family?: string;
  bold?: boolean;
  fsType?: number;
}) {
  const square = () => {
    const p = new opentype.Path();
    p.moveTo(50, 0);
    p.lineTo(450, 0);
    p.lineTo(450, 500);
    p.lineTo(50, 500);
    p.close();
    return p;
  };
  const glyphs = [
    new opentype.Glyph({ name: '.notdef', advanceWidth: 500, path: new opentype.Path() }),
    ...options.codePoints.map(
      (cp) =>
        new opentype.Glyph({ name: `uni${cp.toString(16)}`, unicode: cp, advanceWidth: 500, path: square() }),
    ),
  ];
  const font = new opentype.Font({
    familyName: options.family ?? 'Test Thai',
    styleName: options.bold ? 'Bold' : 'Regular',
    unitsPerEm: 1000,
    ascender: 800,
    descender: -200,
    weightClass: options.bold ? 700 : 400,
    glyphs,
    tables: { os2: { fsType: options.fsType ?? 0 } },
  });
  return new Uint8Array(font.toArrayBuffer());
}

const LATIN = Array.from({ length: 26 }, (_, i) => 0x61 + i);
const thaiFont = (options: { family?: string; bold?: boolean; fsType?: number } = {}) =>
  makeFont({ codePoints: [...LATIN, ...REQUIRED_THAI], ...options });

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function asyncRefusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prongsai-fonts-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('bundled Sarabun', () => {
  it('validates, is family Sarabun, regular and bold, at a size matching TH Sarabun New 16 pt', () => {
    const font = bundledSarabun();
    expect(font.family).toBe('Sarabun');
    expect(font.source).toBe('bundled');
    expect(font.bold).not.toBeNull();
    expect(font.bodySizePt).toBeGreaterThanOrEqual(10);
    expect(font.bodySizePt).toBeLessThanOrEqual(16);
    // Sarabun's x-height is 0.5 em: 16 × 0.34 / 0.5 = 10.88 → 11.
    expect(font.bodySizePt).toBe(11);
    expect(bundledSarabun()).toBe(font);

    const regular = validateFontFile(font.regular, 'Sarabun_400Regular.ttf');
    expect(regular).toMatchObject({
      family: 'Sarabun',
      bold: false,
      italic: false,
      format: 'ttf',
      fsType: 0,
    });
    expect(regular.xHeightRatio).toBe(0.5);
    expect(validateFontFile(font.bold!, 'Sarabun_700Bold.ttf')).toMatchObject({
      family: 'Sarabun',
      bold: true,
    });
  });

  it('rounds body sizes to the nearest half point', () => {
    expect(matchingBodySize(0.5)).toBe(11);
    expect(matchingBodySize(0.34)).toBe(16);
    expect(matchingBodySize(0.45)).toBe(12);
  });
});

describe('validateFontFile', () => {
  it('accepts a generated OpenType font with all the Thai it needs', () => {
    expect(validateFontFile(thaiFont({ bold: true }), 'Test-Bold.otf')).toMatchObject({
      family: 'Test Thai',
      bold: true,
      format: 'otf',
    });
  });

  it('refuses random bytes, naming the file', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    const error = refusal(() => validateFontFile(bytes, 'uploads/notafont.ttf'));
    expect(error.code).toBe('font_refused');
    expect(error.messageTh).toContain('"notafont.ttf"');
    expect(error.messageTh).toContain('ไม่ใช่ฟอนต์');
    expect(error.messageEn).toContain('is not a TrueType (.ttf) or OpenType (.otf) font');
    expect(error.messageEn).not.toContain('uploads/');
  });

  it('refuses WOFF2 and WOFF web fonts', () => {
    const woff2 = nodeModule('@fontsource/sarabun/files/sarabun-thai-400-normal.woff2');
    const error = refusal(() => validateFontFile(woff2, 'sarabun.woff2'));
    expect(error.messageTh).toContain('ฟอนต์สำหรับหน้าเว็บ (WOFF2)');
    expect(error.messageEn).toContain('web font (WOFF2)');
    const woff = nodeModule('@fontsource/sarabun/files/sarabun-thai-400-normal.woff');
    expect(refusal(() => validateFontFile(woff, 'sarabun.woff')).messageEn).toContain('web font (WOFF)');
  });

  it('refuses a font collection', () => {
    const ttc = new Uint8Array([...Buffer.from('ttcf'), 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 16]);
    expect(refusal(() => validateFontFile(ttc, 'Tahoma.ttc')).messageEn).toContain('font collection (TTC)');
  });

  it('refuses a damaged TrueType file', () => {
    const broken = thaiFont().slice(0, 300);
    broken.set([0, 1, 0, 0], 0);
    const error = refusal(() => validateFontFile(broken, 'broken.ttf'));
    expect(error.messageTh).toContain('เสียหรือมีโครงสร้างผิดปกติ');
  });

  it('refuses a Latin-only TrueType font (Liberation Sans)', () => {
    const latin = nodeModule('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
    const error = refusal(() => validateFontFile(latin, 'LiberationSans-Regular.ttf'));
    expect(error.messageTh).toBe('ฟอนต์ "Liberation Sans" ในไฟล์ "LiberationSans-Regular.ttf" ไม่มีอักษรไทยเลย');
    expect(error.messageEn).toContain('has no Thai characters');
  });

  it('names the Thai characters a font lacks', () => {
    const lacking = REQUIRED_THAI.filter((cp) => cp !== 0x0e2e && cp !== 0x0e31 && cp !== 0x0e59);
    const error = refusal(() => validateFontFile(makeFont({ codePoints: lacking }), 'partial.otf'));
    expect(error.messageTh).toBe('ฟอนต์ "Test Thai" ในไฟล์ "partial.otf" ไม่มีอักษรไทย ฮ ◌ั ๙');
    expect(error.messageEn).toContain('ฮ (U+0E2E), ◌ั (U+0E31), ๙ (U+0E59)');
  });

  it('refuses a font whose license forbids embedding', () => {
    const restricted = refusal(() => validateFontFile(thaiFont({ fsType: 0x0002 }), 'Restricted.otf'));
    expect(restricted.messageTh).toContain('ห้ามฝังฟอนต์ลงในเอกสาร');
    expect(restricted.messageEn).toContain('restricted license embedding');
    const bitmap = refusal(() => validateFontFile(thaiFont({ fsType: 0x0200 }), 'Bitmap.otf'));
    expect(bitmap.messageEn).toContain('bitmap embedding only');
    // Print-and-preview and editable embedding are allowed; with several bits, the least restrictive wins.
    expect(validateFontFile(thaiFont({ fsType: 0x0004 }), 'Print.otf').fsType).toBe(4);
    expect(validateFontFile(thaiFont({ fsType: 0x0008 }), 'Edit.otf').fsType).toBe(8);
    expect(validateFontFile(thaiFont({ fsType: 0x0006 }), 'Both.otf').fsType).toBe(6);
  });
});

describe('the fonts folder', () => {
  it('is empty when missing', async () => {
    expect(await listFolderFonts(path.join(tempDir(), 'no-such-folder'))).toEqual({
      fonts: [],
      problems: [],
    });
  });

  it('lists the good font, reports the bad file and ignores files that are not fonts', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'Good-Regular.otf'), thaiFont({ family: 'Good Thai' }));
    fs.writeFileSync(path.join(dir, 'Bad.ttf'), Buffer.from('this is not a font at all, just some text'));
    fs.writeFileSync(path.join(dir, 'README.txt'), 'fonts for documents');
    const { fonts, problems } = await listFolderFonts(dir);
    expect(fonts).toEqual([{ family: 'Good Thai', regularFile: 'Good-Regular.otf', boldFile: null }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'Bad.ttf', message_en: expect.stringContaining('"Bad.ttf"') });
  });

  it('pairs regular and bold by family and reports a bold without a regular', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'A.otf'), thaiFont({ family: 'Alpha Thai' }));
    fs.writeFileSync(path.join(dir, 'A-Bold.otf'), thaiFont({ family: 'Alpha Thai', bold: true }));
    fs.writeFileSync(path.join(dir, 'B-Bold.otf'), thaiFont({ family: 'Beta Thai', bold: true }));
    const { fonts, problems } = await listFolderFonts(dir);
    expect(fonts).toEqual([{ family: 'Alpha Thai', regularFile: 'A.otf', boldFile: 'A-Bold.otf' }]);
    expect(problems).toEqual([expect.objectContaining({ file: 'B-Bold.otf' })]);
  });

  it('saves an uploaded font atomically and loads it at 16 pt', async () => {
    const dir = path.join(tempDir(), 'fonts');
    const regular = thaiFont({ family: 'Office Thai' });
    const bold = thaiFont({ family: 'Office Thai', bold: true });
    expect((await saveFontFile(dir, 'Office Thai.otf', regular)).font.family).toBe('Office Thai');
    await saveFontFile(dir, 'Office Thai Bold.otf', bold);
    expect(fs.readdirSync(dir).sort()).toEqual(['Office Thai Bold.otf', 'Office Thai.otf']);

    const font = await loadDocumentFont({ family: 'office thai' }, dir);
    expect(font).toMatchObject({ family: 'Office Thai', bodySizePt: 16, source: 'folder' });
    expect(Buffer.from(font.regular).equals(Buffer.from(regular))).toBe(true);
    expect(Buffer.from(font.bold!).equals(Buffer.from(bold))).toBe(true);
    expect((await loadDocumentFont('bundled', dir)).family).toBe('Sarabun');
  });

  it('refuses an unknown family, naming the available ones', async () => {
    const dir = tempDir();
    await saveFontFile(dir, 'Good.otf', thaiFont({ family: 'Good Thai' }));
    const error = await asyncRefusal(loadDocumentFont({ family: 'TH Sarabun New' }, dir));
    expect(error.code).toBe('font_unavailable');
    expect(error.messageTh).toContain('ไม่พบฟอนต์ "TH Sarabun New"');
    expect(error.messageTh).toContain('Good Thai');
    expect(error.messageEn).toContain('available: Good Thai');
  });

  it.each([
    '../evil.ttf',
    '../../etc/passwd.ttf',
    'sub/dir.ttf',
    '..\\evil.ttf',
    '/abs/path.ttf',
    '.hidden.ttf',
    'ฟอนต์ไทย.ttf',
    'font.woff2',
    'font.ttf.exe',
    'font\u0000.ttf',
    'a..ttf',
  ])('refuses the file name %j', async (name) => {
    const dir = tempDir();
    const error = await asyncRefusal(saveFontFile(dir, name, thaiFont()));
    expect(error.code).toBe('font_file_name');
    expect(error.messageEn).toContain('Latin letters, digits');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a file over 20 MB and an invalid font, writing nothing', async () => {
    const dir = tempDir();
    const big = await asyncRefusal(saveFontFile(dir, 'Big.ttf', new Uint8Array(MAX_FONT_BYTES + 1)));
    expect(big.code).toBe('font_too_large');
    expect(big.messageTh).toContain('20.0 MB');
    const latin = await asyncRefusal(saveFontFile(dir, 'Latin.otf', makeFont({ codePoints: LATIN })));
    expect(latin.messageEn).toContain('has no Thai characters');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
