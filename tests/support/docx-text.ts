/**
 * Reading a generated DOCX in tests (jszip). `docxText` gives the visible text of word/document.xml:
 * - each body paragraph is one line (lines joined with '\n'; a tab is '\t', a line break '\n');
 * - each table row is one line, its cells separated by ' | ', the non-empty paragraphs inside a cell
 *   by ' / ';
 *   a table nested in a cell is flattened into that cell the same way;
 * - field codes (w:instrText) and other non-visible parts are left out.
 */
import JSZip from 'jszip';

async function zipOf(bytes: Uint8Array): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** The text of one part (e.g. 'word/_rels/document.xml.rels'), or null when the package has none. */
export async function docxPart(bytes: Uint8Array, path: string): Promise<string | null> {
  const file = (await zipOf(bytes)).file(path);
  return file ? file.async('string') : null;
}

/**
 * word/document.xml without the U+2060 word joiners that keep Thai compounds whole (so that Thai
 * text can be looked for in it); `docxPart(bytes, 'word/document.xml')` gives it exactly.
 */
export async function docxXml(bytes: Uint8Array): Promise<string> {
  const xml = await docxPart(bytes, 'word/document.xml');
  if (xml === null) throw new Error('no word/document.xml in the package');
  return xml.replace(/\u2060/g, '');
}

/** The names of the zip entries (folders excluded), e.g. 'word/fonts/font1.odttf'. */
export async function docxParts(bytes: Uint8Array): Promise<string[]> {
  const zip = await zipOf(bytes);
  return Object.values(zip.files)
    .filter((f) => !f.dir)
    .map((f) => f.name);
}

function decode(text: string): string {
  return text
    .replace(/\u2060/g, '') // the word joiners that keep Thai compounds whole are not visible text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

type Frame = { kind: 'body' | 'cell'; lines: string[] } | { kind: 'row'; cells: string[] };

/** The visible text of a w:body (or any WordprocessingML fragment); see the module comment. */
export function visibleText(xml: string): string {
  const stack: Frame[] = [{ kind: 'body', lines: [] }];
  let paragraph: string | null = null;
  let inText = false;
  let inTabStops = false;
  const token = /<(\/?)(w:p|w:tr|w:tc|w:t|w:tabs|w:tab|w:br|w:cr)(?=[\s/>])[^>]*?(\/?)>|<[^>]*>|([^<]+)/g;
  for (const m of xml.matchAll(token)) {
    const [, close, name, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && paragraph !== null) paragraph += decode(text);
      continue;
    }
    if (!name) continue;
    const top = stack[stack.length - 1]!;
    if (name === 'w:t') inText = !close && !selfClose;
    else if (name === 'w:tabs') inTabStops = !close && !selfClose;
    else if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && !close && paragraph !== null) {
      // A w:tab inside w:tabs is a tab stop of the paragraph, not text.
      if (!inTabStops) paragraph += name === 'w:tab' ? '\t' : '\n';
    } else if (name === 'w:p') {
      if (close || selfClose) {
        if (top.kind !== 'row') top.lines.push(paragraph ?? '');
        paragraph = null;
      } else paragraph = '';
    } else if (name === 'w:tr') {
      if (!close) stack.push({ kind: 'row', cells: [] });
      else {
        const row = stack.pop();
        const parent = stack[stack.length - 1]!;
        if (row?.kind === 'row' && parent.kind !== 'row') parent.lines.push(row.cells.join(' | '));
      }
    } else if (name === 'w:tc') {
      if (!close) stack.push({ kind: 'cell', lines: [] });
      else {
        const cell = stack.pop();
        const parent = stack[stack.length - 1]!;
        if (cell?.kind === 'cell' && parent.kind === 'row')
          parent.cells.push(cell.lines.filter((line) => line !== '').join(' / '));
      }
    }
  }
  const body = stack[0]!;
  return body.kind === 'row' ? '' : body.lines.join('\n');
}

/** The visible text of word/document.xml; see the module comment for the layout. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  return visibleText(await docxXml(bytes));
}
