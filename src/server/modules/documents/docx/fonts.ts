/**
 * Font embedding. docx 9.6.1 embeds each `fonts` entry as its own <w:font> with only
 * <w:embedRegular>, a lower-case w:fontKey (LibreOffice reads the key as upper-case hex, so it
 * de-obfuscates the font wrongly and ignores it) and a fixed w:sig without the Thai bits. So we let
 * docx obfuscate and store the regular and bold files (it does that correctly) and replace
 * word/fontTable.xml with one <w:font> for the family holding <w:embedRegular> and <w:embedBold>,
 * upper-case keys and the signature, PANOSE and charset read from the font's own OS/2 table.
 */
import type { Document } from 'docx';
import type { DocumentFont } from '../model.ts';
import { xmlAttr } from './parts.ts';

/** The names docx gives the embedded files: word/fonts/font1.odttf (regular), font2.odttf (bold). */
const FILE_NAMES = ['font1', 'font2'] as const;

/** The `fonts` option of the docx Document: the regular face and, when there is one, the bold. */
export function fontFiles(font: DocumentFont): { name: string; data: Buffer }[] {
  const faces = font.bold ? [font.regular, font.bold] : [font.regular];
  return faces.map((bytes, i) => ({
    name: FILE_NAMES[i]!,
    data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  }));
}

type Os2 = { panose: string; usb: string[]; csb: string[] };

function hex32(value: number): string {
  return (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The offset and length of a table of a TrueType/OpenType font, or null. */
function findTable(
  bytes: Uint8Array,
  view: DataView,
  name: string,
): { offset: number; length: number } | null {
  if (bytes.byteLength < 12) return null;
  const tables = view.getUint16(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (record + 16 > bytes.byteLength) return null;
    if (String.fromCharCode(...bytes.subarray(record, record + 4)) !== name) continue;
    const offset = view.getUint32(record + 8);
    const length = view.getUint32(record + 12);
    return offset + length <= bytes.byteLength ? { offset, length } : null;
  }
  return null;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** PANOSE, Unicode ranges and code pages from the font's OS/2 table, or null. */
export function readOs2(bytes: Uint8Array): Os2 | null {
  const view = viewOf(bytes);
  const table = findTable(bytes, view, 'OS/2');
  if (!table || table.length < 78) return null;
  const { offset } = table;
  const panose = Array.from(bytes.subarray(offset + 32, offset + 42), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
  const usb = [42, 46, 50, 54].map((at) => hex32(view.getUint32(offset + at)));
  const hasCodePages = view.getUint16(offset) >= 1 && table.length >= 86;
  const csb = hasCodePages
    ? [78, 82].map((at) => hex32(view.getUint32(offset + at)))
    : ['00000000', '00000000'];
  return { panose, usb, csb };
}

function sigXml(os2: Os2 | null): string {
  if (!os2) return '';
  const [usb0, usb1, usb2, usb3] = os2.usb;
  const [csb0, csb1] = os2.csb;
  return (
    `<w:panose1 w:val="${os2.panose}"/><w:charset w:val="DE"/><w:family w:val="auto"/><w:pitch w:val="variable"/>` +
    `<w:sig w:usb0="${usb0}" w:usb1="${usb1}" w:usb2="${usb2}" w:usb3="${usb3}" w:csb0="${csb0}" w:csb1="${csb1}"/>`
  );
}

/**
 * word/fontTable.xml for the embedded family. The relationship ids rId1/rId2 are the ones docx
 * writes in word/_rels/fontTable.xml.rels for the files of `fontFiles`, in that order.
 */
export function fontTableXml(doc: Document, font: DocumentFont): string {
  const keys = doc.FontTable.fontOptionsWithKey.map((f) => `{${f.fontKey.toUpperCase()}}`);
  const os2 = readOs2(font.regular);
  const head = os2
    ? sigXml(os2)
    : '<w:charset w:val="DE"/><w:family w:val="auto"/><w:pitch w:val="variable"/>';
  const embeds = keys
    .map((key, i) => `<w:${i === 0 ? 'embedRegular' : 'embedBold'} r:id="rId${i + 1}" w:fontKey="${key}"/>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:font w:name="${xmlAttr(font.family)}">${head}${embeds}</w:font>` +
    '</w:fonts>'
  );
}
