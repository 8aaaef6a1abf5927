import { inflateRawSync } from 'node:zlib';

export type ZipLimits = {
  /** Most entries (files inside the zip) accepted. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxInflatedBytes: number;
  /** What such a file normally inflates to, said when it is refused as too large (a framework's by default). */
  normalSize?: { th: string; en: string };
};

export type ZipCheck =
  | { ok: true; entries: number; inflatedBytes: number }
  | { ok: false; message_th: string; message_en: string };

/** An entry name that would land outside the folder a package is opened into (`../x`, `/etc/x`, `C:\x`). */
export function isUnsafeEntryName(name: string): boolean {
  return (
    name.startsWith('/') ||
    name.includes('\\') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..')
  );
}

const refuse = (message_th: string, message_en: string): ZipCheck => ({ ok: false, message_th, message_en });

/**
 * Checks a zip (an XLSX is one) before any library unpacks it: the number of entries and the size
 * they inflate to. The sizes the central directory declares are not trusted: every entry is inflated
 * here with its declared size as the ceiling, so a file that lies about its size (a zip bomb) is
 * refused having cost at most the declared, bounded, amount.
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0)
    return refuse('ไฟล์ zip ไม่สมบูรณ์ (ไม่พบสารบัญของไฟล์)', 'the zip is incomplete (no central directory)');
  const entries = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || directoryOffset === 0xffffffff) {
    return refuse(
      'ไฟล์ zip แบบ ZIP64 มีขนาดใหญ่เกินกว่าที่นำเข้าได้',
      'a ZIP64 archive is larger than can be imported',
    );
  }
  if (entries > limits.maxEntries) {
    return refuse(
      `ไฟล์มีส่วนประกอบ ${entries} รายการ เกิน ${limits.maxEntries} รายการ`,
      `the file holds ${entries} entries, more than ${limits.maxEntries}`,
    );
  }
  const broken = refuse(
    'ไฟล์ zip เสียหาย (สารบัญไม่ตรงกับเนื้อไฟล์)',
    'the zip is damaged (its directory does not match its content)',
  );
  let at = directoryOffset;
  let declared = 0;
  const found: { method: number; compressed: number; size: number; local: number }[] = [];
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return broken;
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (isUnsafeEntryName(name)) {
      return refuse(
        `ไฟล์มีส่วนประกอบชื่อ "${name}" ซึ่งชี้ออกนอกไฟล์ (ลักษณะของไฟล์ที่ตั้งใจโจมตี) จึงไม่รับ`,
        `the file holds an entry named "${name}" that points outside the package (a hostile file); refused`,
      );
    }
    declared += size;
    if (declared > limits.maxInflatedBytes) return tooLarge(limits);
    found.push({ method, compressed, size, local });
    at += 46 + nameLength + extraLength + commentLength;
  }
  let inflated = 0;
  for (const entry of found) {
    if (entry.local + 30 > bytes.byteLength || view.getUint32(entry.local, true) !== 0x04034b50)
      return broken;
    const start =
      entry.local + 30 + view.getUint16(entry.local + 26, true) + view.getUint16(entry.local + 28, true);
    const end = start + entry.compressed;
    if (end > bytes.byteLength) return broken;
    const data = bytes.subarray(start, end);
    let length: number;
    if (entry.method === 0) length = data.byteLength;
    else if (entry.method === 8) {
      try {
        length = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) }).byteLength;
      } catch {
        // Larger than declared (RangeError) or not deflate data at all.
        return refuse(
          'ไฟล์มีส่วนประกอบที่ขยายตัวเกินขนาดที่ระบุไว้ หรือเสียหาย (อาจเป็นไฟล์ที่ตั้งใจให้ขยายตัวจนระบบทำงานไม่ได้)',
          'an entry inflates beyond its declared size or is damaged (possibly a zip bomb)',
        );
      }
    } else {
      return refuse(
        `ไฟล์ใช้วิธีบีบอัดที่ไม่รองรับ (${entry.method}) ให้บันทึกใหม่ด้วย Excel`,
        `the file uses an unsupported compression method (${entry.method}); save it again with Excel`,
      );
    }
    if (length !== entry.size) return broken;
    inflated += length;
  }
  if (inflated > limits.maxInflatedBytes) return tooLarge(limits);
  return { ok: true, entries, inflatedBytes: inflated };
}

function tooLarge(limits: ZipLimits): ZipCheck {
  const mb = Math.round(limits.maxInflatedBytes / 1024 / 1024);
  return refuse(
    `เนื้อไฟล์เมื่อขยายแล้วเกิน ${mb} MB (${limits.normalSize?.th ?? 'ไฟล์กรอบการประเมินปกติมีขนาดไม่ถึง 1 MB'})`,
    `the file inflates to more than ${mb} MB (${limits.normalSize?.en ?? 'a framework workbook is normally under 1 MB'})`,
  );
}

/** The offset of the end-of-central-directory record, searched backwards over a possible comment. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  return -1;
}
