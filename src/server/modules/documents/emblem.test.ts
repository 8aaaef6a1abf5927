import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '#server/http/app-error.ts';
import { PNG_1x1 } from '#server/modules/evidence/zip-fixture.testutil.ts';
import { MAX_EMBLEM_BYTES, validateEmblem } from './emblem.ts';

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([Buffer.from(u32(data.length)), body, Buffer.from(u32(zlib.crc32(body)))]);
}

/** A PNG of the given size by its header (the pixel data covers at most 16×16 of it), with valid CRCs; `extra`
 * adds an ancillary text chunk of about that many bytes. */
function png(width: number, height: number, extra = 0): Uint8Array {
  const raw = Buffer.alloc(Math.min(height, 16) * (1 + Math.min(width, 16) * 4), 0xff);
  const ihdr = Uint8Array.from([...u32(width), ...u32(height), 8, 6, 0, 0, 0]);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, ...ascii('PNG\r\n\x1a\n')]),
      chunk('IHDR', ihdr),
      extra > 0
        ? chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(extra, 0x78)]))
        : Buffer.alloc(0),
      chunk('IDAT', zlib.deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

/**
 * A baseline grey JPEG by hand: quantisation table of ones, one-code Huffman tables (DC category 0, AC
 * end-of-block), and one 8×8 block per scan: every pixel mid-grey. `frame` picks the SOF marker.
 */
function jpeg(
  width: number,
  height: number,
  options: { frame?: number; exif?: boolean; cut?: boolean } = {},
) {
  const segment = (marker: number, data: number[]) => [0xff, marker, ...u16(data.length + 2), ...data];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = '00'.repeat(blocks);
  const scan: number[] = [];
  for (let i = 0; i < bits.length; i += 8) scan.push(Number.parseInt(bits.slice(i, i + 8).padEnd(8, '1'), 2));
  const parts = [
    0xff,
    0xd8,
    ...segment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...(options.exif ? segment(0xe1, [...ascii('Exif\0\0'), ...new Array(40).fill(0)]) : []),
    ...segment(0xdb, [0x00, ...new Array(64).fill(1)]),
    ...segment(options.frame ?? 0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, 1, ...new Array(15).fill(0), 0x00]),
    ...segment(0xc4, [0x10, 1, ...new Array(15).fill(0), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    ...(options.cut ? [] : [0xff, 0xd9]),
  ];
  return Uint8Array.from(parts);
}

function refusal(bytes: Uint8Array): AppError {
  try {
    validateEmblem(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the emblem to be refused');
}

describe('validateEmblem', () => {
  it('accepts a PNG and reads its size from IHDR', () => {
    const bytes = png(120, 80);
    expect(validateEmblem(bytes)).toEqual({ bytes, mime: 'image/png', width: 120, height: 80 });
    expect(validateEmblem(PNG_1x1)).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
  });

  it('accepts baseline and progressive JPEGs and reads their size from the frame marker', () => {
    const bytes = jpeg(300, 200);
    expect(validateEmblem(bytes)).toEqual({ bytes, mime: 'image/jpeg', width: 300, height: 200 });
    expect(validateEmblem(jpeg(17, 9, { frame: 0xc2, exif: true }))).toMatchObject({ width: 17, height: 9 });
  });

  it('refuses a lossless JPEG that documents cannot show', () => {
    expect(refusal(jpeg(8, 8, { frame: 0xc3 })).messageEn).toContain('(SOF3)');
  });

  it('refuses an SVG, naming it', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    const error = refusal(svg);
    expect(error.code).toBe('emblem_refused');
    expect(error.messageTh).toBe('ไฟล์นี้เป็นภาพ SVG — ตราสัญลักษณ์ต้องเป็นไฟล์ภาพ PNG หรือ JPEG');
    expect(error.messageEn).toBe('This file is an SVG image; the emblem must be a PNG or JPEG image');
  });

  it('refuses a GIF, a PDF, random bytes and an empty file', () => {
    expect(refusal(Uint8Array.from([...ascii('GIF89a'), 1, 0, 1, 0, 0, 0, 0])).messageTh).toContain(
      'ภาพ GIF',
    );
    expect(refusal(Uint8Array.from(ascii('%PDF-1.7\n'))).messageEn).toContain('a PDF document');
    expect(refusal(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])).messageEn).toContain('not an image');
    expect(refusal(new Uint8Array(0)).messageEn).toContain('empty');
  });

  it('refuses a truncated PNG or JPEG', () => {
    const whole = png(40, 40);
    for (const cut of [20, 40, whole.length - 6]) {
      const error = refusal(whole.slice(0, cut));
      expect(error.messageTh).toContain('ไฟล์ภาพ PNG เสียหรือไม่ครบ');
      expect(error.messageEn).toContain('damaged or cut short');
    }
    expect(refusal(jpeg(16, 16, { cut: true })).messageEn).toContain('The JPEG file is damaged or cut short');
    expect(refusal(jpeg(16, 16).slice(0, 30)).messageEn).toContain('The JPEG file is damaged or cut short');
  });

  it('refuses images over 4000 pixels a side and empty ones, giving the size', () => {
    const wide = refusal(png(4001, 10));
    expect(wide.messageTh).toContain('4001×10 พิกเซล');
    expect(wide.messageEn).toBe('The PNG image is 4001×10 pixels, over 4000 pixels a side; make it smaller');
    expect(refusal(jpeg(100, 5000)).messageEn).toContain('100×5000 pixels');
    expect(refusal(png(0, 0)).messageEn).toContain('0×0 pixels, which is empty');
    expect(validateEmblem(png(4000, 4000))).toMatchObject({ width: 4000, height: 4000 });
  });

  it('refuses a file over 1 MiB, saying the limit and its size', () => {
    const big = png(10, 10, MAX_EMBLEM_BYTES);
    expect(big.length).toBeGreaterThan(MAX_EMBLEM_BYTES);
    const error = refusal(big);
    expect(error.code).toBe('emblem_too_large');
    expect(error.messageTh).toBe(
      `ไฟล์ตราสัญลักษณ์ใหญ่ ${Math.ceil(big.length / 1024).toLocaleString('en-US')} KB เกินขนาดที่รับได้ 1 MB (1,024 KB) กรุณาย่อภาพก่อน`,
    );
    expect(error.messageEn).toContain('over the 1 MB (1,024 KB) limit');
    expect(validateEmblem(png(10, 10, MAX_EMBLEM_BYTES - 200)).width).toBe(10);
  });
});
