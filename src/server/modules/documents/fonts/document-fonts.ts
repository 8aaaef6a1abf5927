/**
 * The fonts documents are set in: the bundled Sarabun (Google Fonts, OFL, from @expo-google-fonts/sarabun),
 * or a TTF/OTF an administrator put in the fonts folder, typically TH Sarabun New, the typeface Thai
 * government correspondence uses (ระเบียบงานสารบรรณ), whose license lets it be embedded.
 *
 * Body sizes. Thai office fonts (TH Sarabun New, TH SarabunPSK, the other national fonts, Angsana New)
 * draw small for their point size: their Latin x-height is about a third of the em, so 16 pt is the usual
 * body size of a Thai official document. Any folder font is taken to follow that convention and set at 16
 * pt. The bundled Sarabun is a redrawing of TH Sarabun New on a larger scale (x-height 0.5 em), so its
 * body size is the one that gives it TH Sarabun New's x-height at 16 pt:
 *   16 × 0.34 / 0.5 = 10.88 → 11 pt (rounded to the nearest half point).
 * TH Sarabun New's x-height of 0.34 em is inferred, not read from the font (which is not shipped here):
 * TLWG's Laksaman, "based on TH Sarabun New" and scaled up 1.5 times, has x-height 511/1000 → 0.34; the
 * digits of TH Sarabun (362/1000 em in the PDF libraries' metric files) against Laksaman's (544) give the
 * same scale.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '#server/http/app-error.ts';
import type { DocumentFont } from '../model.ts';
import { type FontCheck, validateFontFile } from './validate-font.ts';

export { type FontCheck, REQUIRED_THAI, validateFontFile } from './validate-font.ts';

/** TH Sarabun New's conventional body size, used for every folder font. */
export const THAI_OFFICE_BODY_PT = 16;
/** TH Sarabun New's x-height as a share of the em (see above). */
export const TH_SARABUN_NEW_X_HEIGHT = 0.34;
/** Largest font file accepted. */
export const MAX_FONT_BYTES = 20 * 1024 * 1024;

const FONT_EXTENSIONS = new Set(['.ttf', '.otf', '.ttc', '.otc', '.woff', '.woff2', '.dfont']);
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}\.(ttf|otf)$/i;

const require = createRequire(import.meta.url);
let bundled: DocumentFont | null = null;

/** The body size that gives a font TH Sarabun New's x-height at 16 pt, to the nearest half point. */
export function matchingBodySize(xHeightRatio: number): number {
  return Math.round(((THAI_OFFICE_BODY_PT * TH_SARABUN_NEW_X_HEIGHT) / xHeightRatio) * 2) / 2;
}

/** The bundled Sarabun, regular and bold, read once. */
export function bundledSarabun(): DocumentFont {
  if (bundled) return bundled;
  const read = (weight: string) =>
    new Uint8Array(
      fs.readFileSync(require.resolve(`@expo-google-fonts/sarabun/${weight}/Sarabun_${weight}.ttf`)),
    );
  const regular = read('400Regular');
  const bold = read('700Bold');
  const check = validateFontFile(regular, 'Sarabun_400Regular.ttf');
  validateFontFile(bold, 'Sarabun_700Bold.ttf');
  bundled = {
    family: check.family,
    regular,
    bold,
    bodySizePt: matchingBodySize(check.xHeightRatio ?? 0.5),
    source: 'bundled',
  };
  return bundled;
}

export type FolderFont = {
  family: string;
  /** File names inside the fonts folder. */
  regularFile: string;
  boldFile: string | null;
};

export type FontProblem = { file: string; message_th: string; message_en: string };

/**
 * The usable families in the fonts folder, each with its regular and (if present) bold file, and what
 * is wrong with the other font files there. A missing folder is an empty one; one bad file never stops
 * the others. Italic files are passed over without complaint (documents do not use italics); files that
 * are not fonts by their extension are ignored.
 */
export async function listFolderFonts(
  fontsDir: string,
): Promise<{ fonts: FolderFont[]; problems: FontProblem[] }> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(fontsDir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return { fonts: [], problems: [] };
    throw error;
  }
  const files = entries
    .filter((e) => !e.name.startsWith('.') && FONT_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en'));

  const problems: FontProblem[] = [];
  const families = new Map<string, { family: string; regular: string | null; bold: string | null }>();
  for (const file of files) {
    let check: FontCheck;
    try {
      const full = path.join(fontsDir, file);
      const stat = await fsp.stat(full);
      if (!stat.isFile()) continue;
      if (stat.size > MAX_FONT_BYTES) throw tooLarge(file, stat.size);
      check = validateFontFile(new Uint8Array(await fsp.readFile(full)), file);
    } catch (error) {
      problems.push(problemOf(file, error));
      continue;
    }
    if (check.italic) continue;
    const key = check.family.toLowerCase();
    const group = families.get(key) ?? { family: check.family, regular: null, bold: null };
    families.set(key, group);
    const slot = check.bold ? 'bold' : 'regular';
    const taken = group[slot];
    if (taken) {
      const what = check.bold ? { th: 'ตัวหนา', en: 'bold' } : { th: 'ตัวปกติ', en: 'regular' };
      problems.push({
        file,
        message_th: `ไฟล์ "${file}" ซ้ำกับ "${taken}" (ฟอนต์ ${check.family} ${what.th}) จึงใช้ "${taken}"`,
        message_en: `"${file}" duplicates "${taken}" (${check.family} ${what.en}); "${taken}" is used`,
      });
      continue;
    }
    group[slot] = file;
  }

  const fonts: FolderFont[] = [];
  for (const group of families.values()) {
    if (group.regular) {
      fonts.push({ family: group.family, regularFile: group.regular, boldFile: group.bold });
    } else if (group.bold) {
      problems.push({
        file: group.bold,
        message_th: `ฟอนต์ ${group.family} มีแต่ตัวหนา ("${group.bold}") ไม่มีตัวปกติ จึงยังใช้ไม่ได้`,
        message_en: `${group.family} has a bold file ("${group.bold}") but no regular one, so it cannot be used yet`,
      });
    }
  }
  fonts.sort((a, b) => a.family.localeCompare(b.family, 'en'));
  return { fonts, problems };
}

/**
 * The font for a document: the bundled Sarabun or a family from the fonts folder (matched ignoring case),
 * at 16 pt. A family no longer in the folder is refused, naming the ones that are.
 */
export async function loadDocumentFont(
  choice: { family: string } | 'bundled',
  fontsDir: string,
): Promise<DocumentFont> {
  if (choice === 'bundled') return bundledSarabun();
  const wanted = choice.family.trim().toLowerCase();
  const { fonts } = await listFolderFonts(fontsDir);
  const found = fonts.find((f) => f.family.toLowerCase() === wanted);
  if (!found) {
    const available = fonts.map((f) => f.family).join(', ');
    throw new AppError(
      400,
      'font_unavailable',
      `ไม่พบฟอนต์ "${choice.family}" ในโฟลเดอร์ฟอนต์ — ${available ? `ฟอนต์ที่มี: ${available} หรือ` : 'ในโฟลเดอร์ไม่มีฟอนต์ที่ใช้ได้ ใช้'}ฟอนต์ Sarabun ที่มากับระบบ`,
      `The font "${choice.family}" is not in the fonts folder; ${available ? `available: ${available}, or` : 'the folder has no usable font; use'} the bundled Sarabun`,
    );
  }
  const read = async (file: string) => new Uint8Array(await fsp.readFile(path.join(fontsDir, file)));
  return {
    family: found.family,
    regular: await read(found.regularFile),
    bold: found.boldFile ? await read(found.boldFile) : null,
    bodySizePt: THAI_OFFICE_BODY_PT,
    source: 'folder',
  };
}

/**
 * Stores an uploaded font in the fonts folder: a plain file name (Latin letters, digits, space . _ -,
 * ending .ttf or .otf), at most 20 MB, a font validateFontFile accepts; written to a temporary file and
 * renamed, so the folder never holds half a font. A file of the same name is replaced.
 */
export async function saveFontFile(
  fontsDir: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<{ file: string; font: FontCheck }> {
  if (!SAFE_FILE_NAME.test(fileName) || fileName.includes('..')) {
    throw new AppError(
      400,
      'font_file_name',
      `ชื่อไฟล์ฟอนต์ "${fileName}" ใช้ไม่ได้ กรุณาตั้งชื่อด้วยอักษรอังกฤษ ตัวเลข ช่องว่าง . _ - เท่านั้น และลงท้ายด้วย .ttf หรือ .otf`,
      `The font file name "${fileName}" is not allowed: use Latin letters, digits, spaces, . _ - only, ending in .ttf or .otf`,
    );
  }
  if (bytes.length > MAX_FONT_BYTES) throw tooLarge(fileName, bytes.length);
  const font = validateFontFile(bytes, fileName);

  const dir = path.resolve(fontsDir);
  const target = path.join(dir, fileName);
  if (path.dirname(target) !== dir) throw new Error(`saveFontFile: ${fileName} escapes the fonts folder`);
  await fsp.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fsp.writeFile(temp, bytes, { flag: 'wx' });
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  return { file: fileName, font };
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function tooLarge(file: string, size: number): AppError {
  return new AppError(
    400,
    'font_too_large',
    `ไฟล์ฟอนต์ "${file}" ใหญ่ ${mb(size)} MB เกินขนาดที่รับได้ ${mb(MAX_FONT_BYTES)} MB`,
    `The font file "${file}" is ${mb(size)} MB, over the ${mb(MAX_FONT_BYTES)} MB limit`,
  );
}

function problemOf(file: string, error: unknown): FontProblem {
  if (error instanceof AppError) return { file, message_th: error.messageTh, message_en: error.messageEn };
  const reason = error instanceof Error ? error.message : String(error);
  return { file, message_th: `อ่านไฟล์ "${file}" ไม่ได้`, message_en: `"${file}" cannot be read (${reason})` };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
