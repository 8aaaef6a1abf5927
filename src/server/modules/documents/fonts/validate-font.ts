/**
 * Whether a font file can serve the documents: a TrueType or OpenType file (not a web font, not a
 * collection), with every Thai letter, vowel, tone mark and digit, and a license that allows embedding it
 * (DOCX and PDF carry their fonts). Refusals are AppErrors naming the file and the reason in Thai and
 * English.
 */
import type { Font } from 'opentype.js';
import opentype from 'opentype.js';
import { AppError } from '#server/http/app-error.ts';

export type FontCheck = {
  /** The family from the font's own name table (name ID 1), as Word and browsers match it. */
  family: string;
  /** The style from the name table ("Regular", "Bold", "Italic"). */
  style: string;
  bold: boolean;
  italic: boolean;
  /** OS/2 usWeightClass: 400 regular, 700 bold. */
  weight: number;
  format: 'ttf' | 'otf';
  /** OS/2 fsType: the embedding license bits. */
  fsType: number;
  /** x-height as a share of the em (0.5 for Sarabun), or null when the font does not say. */
  xHeightRatio: number | null;
};

/** The Thai a document needs: letters and vowels U+0E01–U+0E3A, U+0E40–U+0E4E, digits U+0E50–U+0E59. */
export const REQUIRED_THAI: readonly number[] = [
  ...range(0x0e01, 0x0e3a),
  ...range(0x0e40, 0x0e4e),
  ...range(0x0e50, 0x0e59),
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Vowels and tone marks written above or below a consonant: shown on a dotted circle. */
const isMark = (cp: number) =>
  cp === 0x0e31 || (cp >= 0x0e34 && cp <= 0x0e3a) || (cp >= 0x0e47 && cp <= 0x0e4e);
const showThai = (cp: number) => (isMark(cp) ? '\u25cc' : '') + String.fromCodePoint(cp);
const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** fsType bits (OpenType OS/2): 0x0002 restricted-license embedding, 0x0200 bitmap embedding only. */
const FS_RESTRICTED = 0x0002;
const FS_PREVIEW_PRINT = 0x0004;
const FS_EDITABLE = 0x0008;
const FS_BITMAP_ONLY = 0x0200;

const refuse = (th: string, en: string) => new AppError(400, 'font_refused', th, en);

/** The last part of a path: messages name the file the user knows, never a server path. */
const baseName = (fileName: string) => fileName.split(/[\\/]/).pop() || fileName;

export function validateFontFile(bytes: Uint8Array, fileName: string): FontCheck {
  const name = baseName(fileName);
  const format = sniffFontFormat(bytes, name);

  let font: Font;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    font = opentype.parse(buffer);
  } catch (error) {
    throw refuse(
      `ไฟล์ "${name}" เสียหรือมีโครงสร้างผิดปกติ อ่านเป็นฟอนต์ไม่ได้`,
      `"${name}" is damaged and cannot be read as a font (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const os2 = font.tables.os2;
  if (!os2 || font.glyphs.length <= 1) {
    throw refuse(
      `ไฟล์ "${name}" ไม่มีข้อมูลที่จำเป็นของฟอนต์ (ตาราง OS/2 หรือรูปอักษร)`,
      `"${name}" lacks what a font needs (the OS/2 table or glyphs)`,
    );
  }

  const family = nameOf(font, 'fontFamily');
  if (!family) {
    throw refuse(`ฟอนต์ในไฟล์ "${name}" ไม่มีชื่อตระกูลฟอนต์`, `The font in "${name}" has no family name`);
  }
  const hasControl = [...family].some((ch) => ch.codePointAt(0)! < 0x20);
  if (family.length > 64 || hasControl || /["'<>&;{}\\]/.test(family)) {
    throw refuse(
      `ชื่อตระกูลฟอนต์ในไฟล์ "${name}" มีอักขระที่ใช้ในเอกสารไม่ได้`,
      `The family name in "${name}" has characters that documents cannot carry`,
    );
  }

  const missing = REQUIRED_THAI.filter((cp) => font.charToGlyphIndex(String.fromCodePoint(cp)) === 0);
  if (missing.length > 0) {
    const all = missing.length === REQUIRED_THAI.length;
    const shown = missing.slice(0, 20);
    const more = missing.length - shown.length;
    throw refuse(
      all
        ? `ฟอนต์ "${family}" ในไฟล์ "${name}" ไม่มีอักษรไทยเลย`
        : `ฟอนต์ "${family}" ในไฟล์ "${name}" ไม่มีอักษรไทย ${shown.map(showThai).join(' ')}${more > 0 ? ` และอีก ${more} ตัว` : ''}`,
      all
        ? `The font "${family}" in "${name}" has no Thai characters`
        : `The font "${family}" in "${name}" lacks Thai characters ${shown.map((cp) => `${showThai(cp)} (${codePoint(cp)})`).join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  }

  const fsType = os2.fsType ?? 0;
  // Only one of the usage bits should be set; where several are, the least restrictive applies.
  const restricted = (fsType & FS_RESTRICTED) !== 0 && (fsType & (FS_PREVIEW_PRINT | FS_EDITABLE)) === 0;
  if (restricted) {
    throw refuse(
      `สัญญาอนุญาตของฟอนต์ "${family}" (ไฟล์ "${name}") ห้ามฝังฟอนต์ลงในเอกสาร (Restricted License embedding) จึงใช้ทำเอกสารไม่ได้`,
      `The license of "${family}" ("${name}") forbids embedding it in documents (OS/2 fsType: restricted license embedding)`,
    );
  }
  if ((fsType & FS_BITMAP_ONLY) !== 0) {
    throw refuse(
      `สัญญาอนุญาตของฟอนต์ "${family}" (ไฟล์ "${name}") อนุญาตให้ฝังได้เฉพาะภาพบิตแมป ไม่ใช่รูปอักษร จึงใช้ทำเอกสารไม่ได้`,
      `The license of "${family}" ("${name}") allows embedding bitmaps only, not outlines (OS/2 fsType: bitmap embedding only)`,
    );
  }

  const macStyle = (font.tables.head?.macStyle as number | undefined) ?? 0;
  const weight = os2.usWeightClass || 400;
  return {
    family,
    style: nameOf(font, 'fontSubfamily') ?? '',
    bold: (os2.fsSelection & 0x20) !== 0 || (macStyle & 0x1) !== 0 || weight >= 600,
    italic: (os2.fsSelection & 0x1) !== 0 || (macStyle & 0x2) !== 0,
    weight,
    format,
    fsType,
    xHeightRatio: xHeightRatio(font),
  };
}

function sniffFontFormat(bytes: Uint8Array, name: string): 'ttf' | 'otf' {
  const tag = bytes.length >= 12 ? String.fromCharCode(...bytes.subarray(0, 4)) : '';
  if (tag === '\u0000\u0001\u0000\u0000' || tag === 'true') return 'ttf';
  if (tag === 'OTTO') return 'otf';
  if (tag === 'wOFF' || tag === 'wOF2') {
    const kind = tag === 'wOFF' ? 'WOFF' : 'WOFF2';
    throw refuse(
      `ไฟล์ "${name}" เป็นฟอนต์สำหรับหน้าเว็บ (${kind}) ซึ่งใช้ทำเอกสารไม่ได้ กรุณาใช้ไฟล์ .ttf หรือ .otf ของฟอนต์เดียวกัน`,
      `"${name}" is a web font (${kind}), which documents cannot use; upload the .ttf or .otf file of the same font`,
    );
  }
  if (tag === 'ttcf') {
    throw refuse(
      `ไฟล์ "${name}" เป็นชุดรวมหลายฟอนต์ (TrueType Collection) กรุณาใช้ไฟล์ .ttf หรือ .otf แยกของแต่ละแบบ (ตัวปกติ ตัวหนา)`,
      `"${name}" is a font collection (TTC); upload the separate .ttf or .otf file of each style (regular, bold)`,
    );
  }
  throw refuse(
    `ไฟล์ "${name}" ไม่ใช่ฟอนต์ TrueType (.ttf) หรือ OpenType (.otf)`,
    `"${name}" is not a TrueType (.ttf) or OpenType (.otf) font`,
  );
}

/** A name-table entry, English first, Windows names before Mac and Unicode ones. */
function nameOf(font: Font, key: string): string | null {
  for (const table of [font.names.windows, font.names.macintosh, font.names.unicode]) {
    const entry = table?.[key];
    if (!entry) continue;
    const value = entry.en ?? Object.values(entry)[0];
    if (value?.trim()) return value.trim();
  }
  return null;
}

function xHeightRatio(font: Font): number | null {
  const declared = font.tables.os2?.sxHeight;
  if (declared && declared > 0) return declared / font.unitsPerEm;
  if (font.charToGlyphIndex('x') === 0) return null;
  const box = font.charToGlyph('x').getBoundingBox();
  return box.y2 > 0 ? box.y2 / font.unitsPerEm : null;
}
