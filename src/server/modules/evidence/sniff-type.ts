import { isUnsafeEntryName } from '../catalogue/framework/zip-guard.ts';

/**
 * What an evidence file is, read from its bytes and never from its name. Accepted: PDF, PNG, JPEG,
 * GIF, WEBP, DOCX and XLSX. Everything else is refused, and these by name because they are dangerous
 * or a sign of a disguised file: programs (Windows, Linux, macOS/Java), scripts, HTML, SVG (it can
 * carry script), other XML, legacy Office files (they carry macros), archives, any other ZIP, and
 * DOCX/XLSX with macros, ActiveX controls or embedded OLE objects. A DOCX/XLSX is judged from its
 * ZIP central directory alone: nothing is inflated, so a ZIP bomb is refused from the sizes it
 * declares (and a package whose entries overlap or disagree with their local headers is refused
 * as damaged, since that is how bombs that lie about their sizes are built, and so is one with an
 * entry named outside itself, `../x` or `/etc/x`). A file cut short (its format's end missing) is
 * refused as damaged too.
 * A name whose extension disagrees with the content is refused, naming both.
 */

export type EvidenceKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx';

export type SniffRefusal =
  | 'empty'
  | 'executable'
  | 'script'
  | 'html'
  | 'svg'
  | 'xml'
  | 'legacy_office'
  | 'archive'
  | 'zip'
  | 'other_office'
  | 'unknown'
  | 'extension_mismatch'
  | 'macros'
  | 'active_content'
  | 'encrypted'
  | 'zip_bomb'
  | 'damaged';

export type SniffResult =
  | { ok: true; kind: EvidenceKind; mediaType: string; extension: string }
  | { ok: false; reason: SniffRefusal; message_th: string; message_en: string };

const MiB = 1024 * 1024;

/** A ZIP is refused before anything is inflated when it declares more than this. */
export const ZIP_LIMITS = {
  maxTotalUncompressed: 200 * MiB,
  /** Declared uncompressed bytes per byte of file. */
  maxRatio: 100,
  maxEntries: 10_000,
};

const ACCEPTED: Record<EvidenceKind, { mediaType: string; extensions: string[]; label: string }> = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'], label: 'PDF' },
  png: { mediaType: 'image/png', extensions: ['.png'], label: 'PNG' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPEG' },
  gif: { mediaType: 'image/gif', extensions: ['.gif'], label: 'GIF' },
  webp: { mediaType: 'image/webp', extensions: ['.webp'], label: 'WEBP' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['.docx'],
    label: 'Word (DOCX)',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['.xlsx'],
    label: 'Excel (XLSX)',
  },
};

/** The media types evidence can have, for whoever serves the files back. */
export const EVIDENCE_MEDIA_TYPES = Object.values(ACCEPTED).map((a) => a.mediaType);

/** The usual extension ('.pdf') of an accepted media type; '' for any other. */
export function extensionForMediaType(mediaType: string): string {
  return Object.values(ACCEPTED).find((a) => a.mediaType === mediaType)?.extensions[0] ?? '';
}

const ACCEPTED_TH = 'รับเฉพาะไฟล์ PDF รูปภาพ (PNG, JPEG, GIF, WEBP) เอกสาร Word (DOCX) และ Excel (XLSX)';
const ACCEPTED_EN = 'accepted are PDF, images (PNG, JPEG, GIF, WEBP), Word (DOCX) and Excel (XLSX)';

type Foreign = {
  reason: SniffRefusal;
  th: string;
  en: string;
  /** The extensions such a file normally has: named that way it is refused plainly, not as renamed. */
  extensions: string[];
  whyTh?: string;
  whyEn?: string;
};

const FOREIGN = {
  windows: {
    reason: 'executable',
    th: 'โปรแกรม Windows (.exe)',
    en: 'a Windows program (.exe)',
    extensions: ['.exe', '.dll', '.com', '.scr', '.sys', '.cpl', '.efi'],
    whyTh: 'เป็นโปรแกรมที่สั่งทำงานได้',
    whyEn: 'it is a program',
  },
  elf: {
    reason: 'executable',
    th: 'โปรแกรม Linux (ELF)',
    en: 'a Linux program (ELF)',
    extensions: ['', '.so', '.elf', '.bin', '.o'],
    whyTh: 'เป็นโปรแกรมที่สั่งทำงานได้',
    whyEn: 'it is a program',
  },
  macho: {
    reason: 'executable',
    th: 'โปรแกรม macOS หรือ Java',
    en: 'a macOS or Java program',
    extensions: ['', '.dylib', '.class', '.app'],
    whyTh: 'เป็นโปรแกรมที่สั่งทำงานได้',
    whyEn: 'it is a program',
  },
  script: {
    reason: 'script',
    th: 'สคริปต์ (โปรแกรมแบบข้อความ)',
    en: 'a script',
    extensions: ['.sh', '.py', '.pl', '.rb', '.php', '.js', '.bat', '.cmd', '.ps1', '.vbs'],
    whyTh: 'เป็นโปรแกรมที่สั่งทำงานได้',
    whyEn: 'it is a program',
  },
  html: {
    reason: 'html',
    th: 'หน้าเว็บ (HTML)',
    en: 'a web page (HTML)',
    extensions: ['.html', '.htm', '.xhtml', '.mht', '.mhtml'],
    whyTh: 'อาจมีสคริปต์ฝังอยู่',
    whyEn: 'it can carry scripts',
  },
  svg: {
    reason: 'svg',
    th: 'ภาพ SVG',
    en: 'an SVG image',
    extensions: ['.svg'],
    whyTh: 'อาจมีสคริปต์ฝังอยู่ กรุณาบันทึกเป็น PNG หรือ PDF',
    whyEn: 'it can carry scripts; save it as PNG or PDF',
  },
  xml: { reason: 'xml', th: 'เอกสาร XML', en: 'an XML document', extensions: ['.xml'] },
  ole: {
    reason: 'legacy_office',
    th: 'เอกสาร Office รุ่นเก่า (.doc/.xls/.ppt) หรือเอกสารที่ตั้งรหัสผ่าน',
    en: 'a legacy Office file (.doc/.xls/.ppt) or a password-protected one',
    extensions: ['.doc', '.xls', '.ppt', '.msg', '.msi', '.docx', '.xlsx'],
    whyTh: 'อาจมีมาโครฝังอยู่ กรุณาบันทึกเป็น DOCX, XLSX หรือ PDF โดยไม่ตั้งรหัสผ่าน',
    whyEn: 'it can carry macros; save it as DOCX, XLSX or PDF without a password',
  },
  archive: {
    reason: 'archive',
    th: 'ไฟล์บีบอัด',
    en: 'a compressed archive',
    extensions: ['.gz', '.tgz', '.rar', '.7z', '.bz2', '.xz', '.zst', '.svgz'],
    whyTh: 'กรุณาแนบไฟล์แต่ละไฟล์แยกกัน',
    whyEn: 'attach each file on its own',
  },
  zip: {
    reason: 'zip',
    th: 'ไฟล์บีบอัด ZIP',
    en: 'a ZIP archive',
    extensions: ['.zip', '.jar', '.apk'],
    whyTh: 'กรุณาแนบไฟล์แต่ละไฟล์แยกกัน',
    whyEn: 'attach each file on its own',
  },
  pptx: {
    reason: 'other_office',
    th: 'งานนำเสนอ PowerPoint (.pptx)',
    en: 'a PowerPoint presentation (.pptx)',
    extensions: ['.pptx', '.ppsx', '.potx'],
    whyTh: 'กรุณาบันทึกเป็น PDF',
    whyEn: 'save it as PDF',
  },
  odf: {
    reason: 'other_office',
    th: 'เอกสาร OpenDocument',
    en: 'an OpenDocument file',
    extensions: ['.odt', '.ods', '.odp'],
    whyTh: 'กรุณาบันทึกเป็น DOCX, XLSX หรือ PDF',
    whyEn: 'save it as DOCX, XLSX or PDF',
  },
  rtf: {
    reason: 'unknown',
    th: 'เอกสาร RTF',
    en: 'an RTF document',
    extensions: ['.rtf', '.doc'],
    whyTh: 'กรุณาบันทึกเป็น DOCX หรือ PDF',
    whyEn: 'save it as DOCX or PDF',
  },
  unknown: { reason: 'unknown', th: 'ไฟล์ชนิดที่ระบบไม่รับ', en: 'a file of a type not accepted', extensions: [] },
} satisfies Record<string, Foreign>;

type Detected = { accepted: EvidenceKind } | { foreign: Foreign } | { refused: Refused };
type Refused = { reason: SniffRefusal; message_th: string; message_en: string };

/**
 * `requireEnd: false` skips the check that the file has its format's end, for a caller that reads the
 * image itself and names a cut-short file in its own words (the emblem).
 */
export function sniffEvidenceType(
  bytes: Uint8Array,
  originalName: string,
  options: { requireEnd?: boolean } = {},
): SniffResult {
  if (bytes.length === 0) {
    return { ok: false, reason: 'empty', message_th: 'ไฟล์ว่างเปล่า', message_en: 'The file is empty' };
  }
  const extension = extensionOf(originalName);
  const detected = detect(bytes);
  if ('refused' in detected) return { ok: false, ...detected.refused };
  if ('foreign' in detected) return { ok: false, ...foreignRefusal(detected.foreign, extension) };
  const kind = detected.accepted;
  const accepted = ACCEPTED[kind];
  if (options.requireEnd !== false && !hasItsEnd(kind, bytes)) {
    return {
      ok: false,
      reason: 'damaged',
      message_th: `ไฟล์ ${accepted.label} นี้ไม่สมบูรณ์ (ไม่พบส่วนท้ายของไฟล์ อาจอัปโหลดหรือบันทึกไม่ครบ) กรุณาบันทึกหรือส่งออกไฟล์ใหม่แล้วแนบอีกครั้ง`,
      message_en: `This ${accepted.label} file is incomplete (its end is missing; it may have been cut short while saving or uploading); save or export it again and attach it again`,
    };
  }
  if (extension !== '' && !accepted.extensions.includes(extension)) {
    return {
      ok: false,
      reason: 'extension_mismatch',
      message_th: `เนื้อไฟล์เป็น ${accepted.label} แต่ชื่อไฟล์ลงท้ายด้วย ${extension} กรุณาตั้งชื่อให้ตรงกับชนิดไฟล์ (${accepted.extensions[0]})`,
      message_en: `The content is ${accepted.label} but the name ends in ${extension}; name it ${accepted.extensions[0]}`,
    };
  }
  return { ok: true, kind, mediaType: accepted.mediaType, extension: accepted.extensions[0]! };
}

/** Where the bytes hold `marker` (ASCII), or -1. */
const indexOfAscii = (bytes: Uint8Array, marker: string, from = 0) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(marker, from, 'latin1');

/**
 * A file cut short (an upload or a save that stopped midway) lacks its format's end, and no one can
 * open it later: a PDF its `%%EOF`, a PNG its IEND chunk, a JPEG its end-of-image marker, a GIF its
 * trailer, a WEBP the bytes its RIFF header counts. DOCX and XLSX end with their central directory,
 * which is checked when the package is read.
 */
function hasItsEnd(kind: EvidenceKind, bytes: Uint8Array): boolean {
  switch (kind) {
    case 'pdf':
      return indexOfAscii(bytes, '%%EOF', 5) >= 0;
    case 'png':
      return indexOfAscii(bytes, 'IEND', 8) >= 0;
    case 'jpeg':
      for (let i = 2; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
      return false;
    case 'gif':
      return bytes.length > 13 && bytes.lastIndexOf(0x3b) > 12;
    case 'webp': {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return bytes.length >= 12 && view.getUint32(4, true) + 8 <= bytes.length;
    }
    default:
      return true;
  }
}

/** The lower-case extension of a file name ('.pdf'), '' when it has none; trailing dots and spaces are ignored. */
export function extensionOf(name: string): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[. ]+$/, '');
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot).toLowerCase();
}

function foreignRefusal(what: Foreign, extension: string): Refused {
  const renamed = extension !== '' && !what.extensions.includes(extension);
  if (renamed) {
    return {
      reason: what.reason,
      message_th: `ไฟล์นี้เป็น${what.th} แต่ตั้งชื่อเป็น ${extension} จึงไม่รับ — ${ACCEPTED_TH}`,
      message_en: `This file is ${what.en} renamed ${extension}: refused; ${ACCEPTED_EN}`,
    };
  }
  return {
    reason: what.reason,
    message_th: `ไม่รับ${what.th}${what.whyTh ? ` เพราะ${what.whyTh}` : ''} — ${ACCEPTED_TH}`,
    message_en: `${capitalise(what.en)} is not accepted${what.whyEn ? ` (${what.whyEn})` : ''}; ${ACCEPTED_EN}`,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function detect(bytes: Uint8Array): Detected {
  if (startsWith(bytes, ascii('%PDF-'))) return { accepted: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { accepted: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { accepted: 'jpeg' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { accepted: 'gif' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { accepted: 'webp' };
  if (startsWith(bytes, ascii('MZ'))) return { foreign: FOREIGN.windows };
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { foreign: FOREIGN.elf };
  const machO = [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ];
  if (machO.some((m) => startsWith(bytes, m))) return { foreign: FOREIGN.macho };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { foreign: FOREIGN.ole };
  if (startsWith(bytes, ascii('PK\x03\x04')) || startsWith(bytes, ascii('PK\x05\x06'))) {
    return inspectZip(bytes);
  }
  const archives = [[0x1f, 0x8b], ascii('Rar!\x1a\x07'), [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], ascii('BZh')];
  if (archives.some((a) => startsWith(bytes, a)) || startsWith(bytes, [0xfd, ...ascii('7zXZ')])) {
    return { foreign: FOREIGN.archive };
  }
  return { foreign: detectText(bytes) };
}

/** Text files are refused all the same; this only names the dangerous ones in the message. */
function detectText(bytes: Uint8Array): Foreign {
  const head = bytes.subarray(0, 4096);
  let text: string;
  if (startsWith(head, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(head.subarray(2));
  else if (startsWith(head, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(head.subarray(2));
  else text = new TextDecoder('utf-8').decode(startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head);
  const t = text.replace(/\0/g, '').trimStart().toLowerCase();
  if (t.startsWith('#!') || t.startsWith('<?php')) return FOREIGN.script;
  if (t.startsWith('{\\rtf')) return FOREIGN.rtf;
  if (/<svg[\s>/]/.test(t)) return FOREIGN.svg;
  if (t.startsWith('<!doctype html') || /<(html|head|body|script|iframe|object|embed)[\s>/]/.test(t)) {
    return FOREIGN.html;
  }
  if (t.startsWith('<?xml') || t.startsWith('<!doctype')) return FOREIGN.xml;
  return FOREIGN.unknown;
}

type ZipEntry = {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
};

const refuse = (reason: SniffRefusal, th: string, en: string): { refused: Refused } => ({
  refused: { reason, message_th: th, message_en: en },
});
const damaged = (why: string) =>
  refuse('damaged', 'ไฟล์เสียหรือมีโครงสร้างผิดปกติ เปิดอ่านไม่ได้', `The file is damaged or malformed (${why})`);

/** A DOCX, an XLSX, or a refusal — from the central directory and the local headers, inflating nothing. */
function inspectZip(bytes: Uint8Array): Detected {
  const read = readCentralDirectory(bytes);
  if ('refused' in read) return read;
  const entries = read.entries;
  const names = entries.map((e) => e.name.toLowerCase());

  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > ZIP_LIMITS.maxTotalUncompressed || declared > ZIP_LIMITS.maxRatio * bytes.length) {
    return refuse(
      'zip_bomb',
      'ไฟล์นี้ขยายตัวเมื่อเปิดได้ใหญ่ผิดปกติ (ลักษณะของ zip bomb) จึงไม่รับ',
      `The file would expand to ${declared} bytes when opened (a zip bomb): refused`,
    );
  }
  if (entries.some((e) => e.flags & 0x1)) {
    return refuse(
      'encrypted',
      'ไฟล์นี้มีส่วนที่เข้ารหัสไว้ ระบบตรวจไม่ได้ กรุณาบันทึกใหม่โดยไม่ตั้งรหัสผ่าน',
      'Part of the file is encrypted and cannot be checked; save it without a password',
    );
  }

  const has = (prefix: string) => names.some((n) => n.startsWith(prefix));
  const isOffice = names.includes('[content_types].xml');
  const kind: EvidenceKind | null =
    isOffice && has('word/') && !has('xl/')
      ? 'docx'
      : isOffice && has('xl/') && !has('word/')
        ? 'xlsx'
        : null;
  if (kind === null) {
    if (isOffice && has('ppt/')) return { foreign: FOREIGN.pptx };
    if (names.includes('mimetype') && has('meta-inf/manifest.xml')) return { foreign: FOREIGN.odf };
    return { foreign: FOREIGN.zip };
  }
  if (names.some((n) => n.endsWith('vbaproject.bin') || n.endsWith('vbadata.xml'))) {
    return refuse(
      'macros',
      'เอกสารนี้มีมาโคร (VBA) ฝังอยู่ จึงไม่รับ กรุณาบันทึกเป็น DOCX/XLSX แบบไม่มีมาโคร หรือ PDF',
      'The document carries macros (VBA): refused; save it as a macro-free DOCX/XLSX or as PDF',
    );
  }
  const embeddedOk = /\.(docx|xlsx|pptx|png|jpe?g|gif|bmp|tiff?|emf|wmf)$/;
  const active = names.some(
    (n) => n.includes('activex/') || (n.includes('/embeddings/') && !n.endsWith('/') && !embeddedOk.test(n)),
  );
  if (active) {
    return refuse(
      'active_content',
      'เอกสารนี้มีตัวควบคุม ActiveX หรือวัตถุ OLE ฝังอยู่ (อาจมีโปรแกรมซ่อนอยู่) กรุณานำออกหรือบันทึกเป็น PDF',
      'The document carries ActiveX controls or embedded OLE objects (which can hide programs); remove them or save as PDF',
    );
  }
  return { accepted: kind };
}

function readCentralDirectory(bytes: Uint8Array): { entries: ZipEntry[] } | { refused: Refused } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const tooBig = () =>
    refuse(
      'damaged',
      'ไฟล์ใช้รูปแบบ ZIP64 หรือแบ่งเป็นหลายส่วน ซึ่งระบบไม่รับ',
      'The file uses ZIP64 or spans several parts, which is not accepted',
    );

  // End of central directory: 22 bytes plus a comment of up to 65535, at the very end.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50 && at + 22 + u16(at + 20) <= bytes.length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return damaged('no end of central directory');
  if (eocd >= 20 && u32(eocd - 20) === 0x07064b50) return tooBig();
  const [disk, cdDisk, onDisk, total] = [u16(eocd + 4), u16(eocd + 6), u16(eocd + 8), u16(eocd + 10)];
  const cdSize = u32(eocd + 12);
  const cdOffset = u32(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) return tooBig();
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return tooBig();
  if (total > ZIP_LIMITS.maxEntries) {
    return refuse(
      'zip_bomb',
      `ไฟล์มีส่วนย่อยมากเกินไป (${total} ส่วน)`,
      `The file holds too many entries (${total})`,
    );
  }
  if (cdOffset + cdSize > eocd) return damaged('central directory out of bounds');

  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > cdOffset + cdSize || u32(p) !== 0x02014b50) {
      return damaged('bad central directory entry');
    }
    const nameLength = u16(p + 28);
    const entry: ZipEntry = {
      flags: u16(p + 8),
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      uncompressedSize: u32(p + 24),
      localOffset: u32(p + 42),
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
    };
    if (u16(p + 34) !== 0) return tooBig();
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) return tooBig();
    if (entry.localOffset === 0xffffffff) return tooBig();
    p += 46 + nameLength + u16(p + 30) + u16(p + 32);
    if (p > cdOffset + cdSize) return damaged('central directory entry too long');
    if (entry.method !== 0 && entry.method !== 8) {
      return damaged(`compression method ${entry.method}`);
    }
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
      return damaged('stored entry sizes differ');
    }
    entries.push(entry);
  }
  if (new Set(entries.map((e) => e.name)).size !== entries.length) {
    return damaged('duplicate entry names');
  }
  const climbing = entries.find((e) => isUnsafeEntryName(e.name));
  if (climbing) return damaged(`entry ${JSON.stringify(climbing.name)} points outside the package`);

  // Each entry's local header and data must sit before the central directory, in its own bytes:
  // overlapping entries are how bombs that lie about their sizes are built.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let end = 0;
  for (const entry of byOffset) {
    const at = entry.localOffset;
    if (at < end || at + 30 > cdOffset || u32(at) !== 0x04034b50) {
      return damaged(`entry ${entry.name} overlaps or has no local header`);
    }
    const localNameLength = u16(at + 26);
    const localName = decoder.decode(bytes.subarray(at + 30, at + 30 + localNameLength));
    if (localName !== entry.name || u16(at + 8) !== entry.method) {
      return damaged(`entry ${entry.name} disagrees with its local header`);
    }
    const hasDescriptor = (u16(at + 6) & 0x8) !== 0;
    if (
      !hasDescriptor &&
      (u32(at + 18) !== entry.compressedSize || u32(at + 22) !== entry.uncompressedSize)
    ) {
      return damaged(`entry ${entry.name} declares two sizes`);
    }
    end = at + 30 + localNameLength + u16(at + 28) + entry.compressedSize;
    if (end > cdOffset) return damaged(`entry ${entry.name} runs past its end`);
  }
  return { entries };
}
