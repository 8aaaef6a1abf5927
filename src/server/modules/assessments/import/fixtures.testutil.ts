import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { parseEdition } from '#shared/catalogue/parse-edition.ts';
import { catalogueDir } from '#shared/catalogue/read-catalogue.testutil.ts';

const cache = new Map<number, Edition>();

/** A shipped edition from catalogue/, parsed with the real parser. */
export function edition(year: number): Edition {
  const cached = cache.get(year);
  if (cached) return cached;
  const result = parseEdition(fs.readFileSync(path.join(catalogueDir, `ita-${year}.yaml`), 'utf8'));
  if (!result.ok) throw new Error(`ita-${year}.yaml: ${JSON.stringify(result.errors)}`);
  cache.set(year, result.edition);
  return result.edition;
}

/** Windows-874 / TIS-620 bytes: ASCII as is, Thai U+0E01–U+0E5B as 0xA1–0xFB. */
export function encodeTis620(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x0e01 && cp <= 0x0e5b) out.push(cp - 0x0e01 + 0xa1);
    else throw new Error(`no TIS-620 byte for U+${cp.toString(16)}`);
  }
  return Uint8Array.from(out);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** UTF-16 bytes with a BOM. */
export function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = endian === 'le' ? 0xff : 0xfe;
  out[1] = endian === 'le' ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const hi = unit >> 8;
    const lo = unit & 0xff;
    out[2 + i * 2] = endian === 'le' ? lo : hi;
    out[3 + i * 2] = endian === 'le' ? hi : lo;
  }
  return out;
}

/** An XLSX workbook built with exceljs; `setup` fills it. */
export async function xlsx(setup: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  setup(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
