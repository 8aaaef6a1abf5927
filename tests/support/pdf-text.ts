import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reading generated PDFs in tests with pdf.js (legacy build, for Node): the text of each page, the
 * page count, the embedded fonts, and pages drawn to PNG (pdf.js draws with @napi-rs/canvas in Node,
 * using the fonts embedded in the PDF, so Thai marks come out as Chromium placed them).
 */

const require = createRequire(import.meta.url);
const standardFontDataUrl = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
  return getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
}

async function withDocument<T>(bytes: Uint8Array, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await open(bytes);
  try {
    return await fn(doc);
  } finally {
    await doc.destroy();
  }
}

type Item = { str: string; hasEOL: boolean; transform: number[]; width: number; height: number };
type Marker = { type: string; tag?: string | null };

/** A minimal reader of the objects of an uncompressed-xref PDF such as Chromium (Skia) writes. */
function pdfObjects(bytes: Uint8Array) {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const re = /(\d+)\s+\d+\s+obj\b/g;
  for (let m = re.exec(latin1); m; m = re.exec(latin1)) {
    const start = m.index + m[0].length;
    const end = latin1.indexOf('endobj', start);
    if (end === -1) break;
    const body = latin1.slice(start, end);
    const at = body.search(/\bstream\r?\n/);
    if (at === -1) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const dataStart = start + at + (body.slice(at).match(/^stream\r?\n/)?.[0].length ?? 7);
    const length = dict.match(/\/Length\s+(\d+)(?!\s+\d+\s+R)/);
    const dataEnd = length ? dataStart + Number(length[1]) : latin1.lastIndexOf('endstream', end);
    let stream = Buffer.from(latin1.slice(dataStart, dataEnd), 'latin1');
    try {
      if (/\/FlateDecode/.test(dict)) stream = zlib.inflateSync(stream);
    } catch {
      stream = Buffer.alloc(0);
    }
    objects.set(Number(m[1]), { dict, stream });
    re.lastIndex = Math.max(dataEnd, start);
  }
  const ref = (text: string, key: string) =>
    Number(text.match(new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`))?.[1]);
  const refs = (text: string, key: string): number[] => {
    const list = text.match(new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`));
    if (list) return [...list[1]!.matchAll(/(\d+)\s+\d+\s+R/g)].map((r) => Number(r[1]));
    const one = ref(text, key);
    return Number.isNaN(one) ? [] : [one];
  };
  const trailer = latin1.slice(latin1.lastIndexOf('trailer'));
  const pages: number[] = [];
  const walk = (id: number) => {
    const dict = objects.get(id)?.dict ?? '';
    if (/\/Type\s*\/Pages\b/.test(dict)) for (const kid of refs(dict, 'Kids')) walk(kid);
    else if (/\/Type\s*\/Page\b/.test(dict)) pages.push(id);
  };
  walk(ref(objects.get(ref(trailer, 'Root'))?.dict ?? '', 'Pages'));
  return {
    pageCount: pages.length,
    /** The page's content streams, decompressed and joined. */
    content: (index: number) =>
      refs(objects.get(pages[index] ?? -1)?.dict ?? '', 'Contents')
        .map((id) => objects.get(id)?.stream?.toString('latin1') ?? '')
        .join('\n'),
  };
}

function pdfString(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s/g, '');
    const buf = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    if (buf[0] === 0xfe && buf[1] === 0xff) return buf.subarray(2).swap16().toString('utf16le');
    return buf.toString('latin1');
  }
  return token.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

/**
 * The /Span marked-content sequences of a page in order, with their /ActualText when they have one.
 * Chromium wraps each cluster whose glyphs do not map one-to-one to characters (a Thai vowel or tone
 * mark drawn with a shifted glyph, which has no ToUnicode entry) in `/Span <</ActualText (...)>> BDC`;
 * pdf.js does not use ActualText for text content, so pdfText puts it back.
 */
function spansOf(content: string): (string | null)[] {
  const spans: (string | null)[] = [];
  for (const m of content.matchAll(/\/Span\s*(?:(<<[\s\S]*?>>)\s*BDC|\/[^\s/<>[\]()]+\s*BDC|BMC)/g)) {
    const actual = m[1]?.match(/\/ActualText\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/);
    spans.push(actual ? pdfString(actual[1]!) : null);
  }
  return spans;
}

/**
 * The text of each page, one line per text line. Items on one line are joined without a space
 * (Chromium splits Thai words into several items) unless there is a visible gap between them, and
 * Chromium's ActualText replaces pdf.js's reading of shifted Thai marks, so a Thai phrase is found
 * with `includes` as long as it does not wrap.
 */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  let raw: ReturnType<typeof pdfObjects>;
  try {
    raw = pdfObjects(bytes);
  } catch {
    raw = { pageCount: -1, content: () => '' }; // not a PDF this reader knows: pdf.js's text alone
  }
  return withDocument(bytes, async (doc) => {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true, disableNormalization: true });
      const spans = raw.pageCount === doc.numPages ? spansOf(raw.content(n - 1)) : [];
      const spanTags = content.items.filter(
        (i) => 'type' in i && (i as Marker).type.startsWith('begin') && (i as Marker).tag === 'Span',
      );
      const useSpans = spans.length === spanTags.length;

      let text = '';
      let last: { y: number; xEnd: number; size: number } | undefined;
      const add = (str: string, item: Item) => {
        const [, , , scaleY = 0, x = 0, y = 0] = item.transform;
        const size = Math.abs(scaleY) || item.height || 10;
        if (str !== '') {
          if (last && Math.abs(y - last.y) > Math.min(size, last.size) * 0.5) text += '\n';
          else if (last && x - last.xEnd > size * 0.2 && !text.endsWith(' ') && !str.startsWith(' '))
            text += ' ';
          text += str;
          last = { y, xEnd: x + item.width, size };
        }
        if (item.hasEOL && last) {
          text += '\n';
          last = undefined;
        }
      };

      let spanIndex = 0;
      let depth = 0;
      /** Inside a span with ActualText: its text, the depth it began at and its first item. */
      let replacing: { text: string; depth: number; first?: Item; width: number } | undefined;
      for (const it of content.items) {
        if ('type' in it) {
          const marker = it as Marker;
          if (marker.type.startsWith('begin')) {
            depth++;
            if (useSpans && marker.tag === 'Span') {
              const actual = spans[spanIndex++];
              if (actual != null && !replacing) replacing = { text: actual, depth, width: 0 };
            }
          } else if (marker.type === 'endMarkedContent') {
            if (replacing && replacing.depth === depth) {
              if (replacing.first)
                add(replacing.text, { ...replacing.first, width: replacing.width, hasEOL: false });
              replacing = undefined;
            }
            depth--;
          }
          continue;
        }
        const item = it as Item;
        // pdf.js inserts a space item for a gap before a glyph, which may fall inside a span.
        if (replacing && item.str.trim() !== '') {
          replacing.first ??= item;
          const x0 = replacing.first.transform[4] ?? 0;
          replacing.width = Math.max(replacing.width, (item.transform[4] ?? 0) + item.width - x0);
          continue;
        }
        add(item.str, item);
      }
      pages.push(
        text
          .replace(/\u2060/g, '') // word joiners (Thai compounds kept whole) are not visible text
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '')
          .join('\n'),
      );
      page.cleanup();
    }
    return pages;
  });
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  return withDocument(bytes, async (doc) => doc.numPages);
}

/**
 * The PostScript names of the fonts the pages use, without the subset tag (`AAAAAA+Sarabun-Regular`
 * → `Sarabun-Regular`), sorted. Chromium embeds every font it draws with (as a subset).
 */
export async function pdfFontNames(bytes: Uint8Array): Promise<string[]> {
  return withDocument(bytes, async (doc) => {
    const names = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const id = ops.argsArray[i]?.[0];
        const font =
          typeof id === 'string' ? (page.commonObjs.get(id) as { name?: string } | undefined) : undefined;
        if (font?.name) names.add(font.name.replace(/^[A-Z]{6}\+/, ''));
      });
      page.cleanup();
    }
    return [...names].sort();
  });
}

type CanvasLike = { toBuffer(mime: 'image/png'): Buffer };
type CanvasFactory = { create(width: number, height: number): { canvas: CanvasLike; context: unknown } };

/**
 * Draws pages (1-based; all when omitted) to `<outDir>/<prefix>page-<n>.png` and returns the paths.
 * Scale 1.5 is about 108 dpi: enough to see whether Thai marks sit on their bases.
 */
export async function pdfPagesToPng(
  bytes: Uint8Array,
  outDir: string,
  pages?: number[],
  opts: { scale?: number; prefix?: string } = {},
): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  return withDocument(bytes, async (doc) => {
    const files: string[] = [];
    const wanted = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    for (const n of wanted.filter((p) => p >= 1 && p <= doc.numPages)) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: opts.scale ?? 1.5 });
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as never,
        viewport,
      }).promise;
      const file = path.join(outDir, `${opts.prefix ?? ''}page-${n}.png`);
      fs.writeFileSync(file, canvas.toBuffer('image/png'));
      files.push(file);
      page.cleanup();
    }
    return files;
  });
}
