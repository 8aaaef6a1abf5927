/**
 * The agency's emblem or logo for the head of its documents: a PNG or JPEG (by content, through the
 * evidence sniffer), at most 1 MiB, with its pixel size read from the PNG IHDR chunk or the JPEG
 * start-of-frame marker, at most 4000 pixels a side. Anything else is refused in Thai and English.
 */
import { AppError } from '#server/http/app-error.ts';
import { sniffEvidenceType } from '#server/modules/evidence/sniff-type.ts';
import type { DocumentImage } from './model.ts';

export const MAX_EMBLEM_BYTES = 1024 * 1024;
export const MAX_EMBLEM_SIDE = 4000;

const refuse = (th: string, en: string) => new AppError(400, 'emblem_refused', th, en);

const ACCEPTED_TH = 'ตราสัญลักษณ์ต้องเป็นไฟล์ภาพ PNG หรือ JPEG';
const ACCEPTED_EN = 'the emblem must be a PNG or JPEG image';

const OTHER_KINDS: Record<string, { th: string; en: string }> = {
  gif: { th: 'ภาพ GIF', en: 'a GIF image' },
  webp: { th: 'ภาพ WEBP', en: 'a WEBP image' },
  pdf: { th: 'เอกสาร PDF', en: 'a PDF document' },
  docx: { th: 'เอกสาร Word', en: 'a Word document' },
  xlsx: { th: 'เอกสาร Excel', en: 'an Excel workbook' },
  svg: { th: 'ภาพ SVG', en: 'an SVG image' },
};

export function validateEmblem(bytes: Uint8Array): DocumentImage {
  if (bytes.length > MAX_EMBLEM_BYTES) {
    const kib = (n: number) => Math.ceil(n / 1024).toLocaleString('en-US');
    throw new AppError(
      400,
      'emblem_too_large',
      `ไฟล์ตราสัญลักษณ์ใหญ่ ${kib(bytes.length)} KB เกินขนาดที่รับได้ 1 MB (1,024 KB) กรุณาย่อภาพก่อน`,
      `The emblem file is ${kib(bytes.length)} KB, over the 1 MB (1,024 KB) limit; make the image smaller`,
    );
  }
  // Its own reading below names a PNG or JPEG cut short; the type is all it needs here.
  const sniffed = sniffEvidenceType(bytes, '', { requireEnd: false });
  const kind = sniffed.ok ? sniffed.kind : sniffed.reason;
  if (kind !== 'png' && kind !== 'jpeg') {
    if (kind === 'empty')
      throw refuse(`ไฟล์ตราสัญลักษณ์ว่างเปล่า — ${ACCEPTED_TH}`, `The emblem file is empty; ${ACCEPTED_EN}`);
    const other = OTHER_KINDS[kind];
    throw refuse(
      other ? `ไฟล์นี้เป็น${other.th} — ${ACCEPTED_TH}` : `ไฟล์นี้ไม่ใช่ภาพ — ${ACCEPTED_TH}`,
      other ? `This file is ${other.en}; ${ACCEPTED_EN}` : `This file is not an image; ${ACCEPTED_EN}`,
    );
  }

  const size = kind === 'png' ? pngSize(bytes) : jpegSize(bytes);
  const label = kind === 'png' ? 'PNG' : 'JPEG';
  if (size && 'unsupported' in size) {
    const sof = `SOF${size.unsupported - 0xc0}`;
    throw refuse(
      `ไฟล์ JPEG นี้บันทึกแบบพิเศษ (${sof}) ที่เอกสารแสดงไม่ได้ กรุณาบันทึกเป็น JPEG แบบทั่วไปหรือ PNG`,
      `This JPEG uses a kind of coding (${sof}) that documents cannot show; save it as an ordinary JPEG or as PNG`,
    );
  }
  if (!size) {
    throw refuse(
      `ไฟล์ภาพ ${label} เสียหรือไม่ครบ อ่านขนาดภาพไม่ได้ กรุณาบันทึกภาพใหม่`,
      `The ${label} file is damaged or cut short: its pixel size cannot be read; save the image again`,
    );
  }
  const { width, height } = size;
  if (width === 0 || height === 0) {
    throw refuse(
      `ภาพ ${label} มีขนาด ${width}×${height} พิกเซล ซึ่งว่างเปล่า`,
      `The ${label} image is ${width}×${height} pixels, which is empty`,
    );
  }
  if (width > MAX_EMBLEM_SIDE || height > MAX_EMBLEM_SIDE) {
    throw refuse(
      `ภาพ ${label} มีขนาด ${width}×${height} พิกเซล ใหญ่เกินกว่าด้านละ ${MAX_EMBLEM_SIDE} พิกเซล กรุณาย่อภาพก่อน`,
      `The ${label} image is ${width}×${height} pixels, over ${MAX_EMBLEM_SIDE} pixels a side; make it smaller`,
    );
  }
  return { bytes, mime: kind === 'png' ? 'image/png' : 'image/jpeg', width, height };
}

type Size = { width: number; height: number };

/** PNG: the signature, then the IHDR chunk (length 13) with width and height as big-endian 32-bit. */
function pngSize(bytes: Uint8Array): Size | null {
  if (bytes.length < 8 + 8 + 13 + 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (view.getUint32(8) !== 13 || type !== 'IHDR') return null;
  if (!hasIend(bytes)) return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A PNG cut short loses its IEND chunk: walk the chunks to it. */
function hasIend(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const next = at + 12 + length;
    if (next > bytes.length) return false;
    if (type === 'IEND') return true;
    at = next;
  }
  return false;
}

/**
 * JPEG: walk the markers after SOI to the first start-of-frame, whose segment holds precision, height
 * and width, big-endian 16-bit. Baseline (SOF0), extended (SOF1) and progressive (SOF2) frames are what
 * Word and browsers draw; lossless, hierarchical and arithmetic-coded ones are refused. The image must
 * end (EOI) after its frame, or it was cut short.
 */
function jpegSize(bytes: Uint8Array): Size | { unsupported: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame
    const length = view.getUint16(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (marker > 0xc2) return { unsupported: marker };
      if (length < 8 || !endsAfter(bytes, at + 2 + length)) return null;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

/** An EOI marker (FF D9) after `from`: entropy-coded data never holds one (its FF bytes are stuffed). */
function endsAfter(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}
