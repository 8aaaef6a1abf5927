import { runsOf } from '../modules/documents/digits.ts';
import { bundledSarabun } from '../modules/documents/fonts/document-fonts.ts';
import { escapeHtml } from '../modules/documents/html/escape.ts';
import { renderBlocksHtml } from '../modules/documents/html/render-html.ts';
import type { Block, Digits, DocumentFont, DocumentModel, Inline } from '../modules/documents/model.ts';

/**
 * A published version's content as part of a web page: the stored document model through the same
 * block renderer as the PDF (every text escaped, digits as the agency chose for the document, tables with <thead> and
 * <th scope="col">), with three changes for the web:
 * - the page has its own <h1> (the title): the model's title heading is left out when it says the
 *   same, any other level-1 heading becomes level 2, so the page keeps one h1 and its order;
 * - no emblem inside the content (the page header shows it);
 * - each table sits in a scrolling region (focusable, labelled) so that a wide plan table scrolls
 *   sideways on a phone instead of squeezing its columns.
 */

/** The bundled Sarabun's metrics (body size) for the block styles; the screen gets WOFF2 files. */
export const pageFont = (): DocumentFont => bundledSarabun();

const textOf = (inline: Inline) =>
  runsOf(inline)
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

export function webBlocks(blocks: Block[], title: string): Block[] {
  const titleAt = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const first = blocks[titleAt];
  const dropTitle = first?.kind === 'heading' && textOf(first.text) === title.replace(/\s+/g, ' ').trim();
  return blocks.flatMap((b, i): Block[] => {
    if (i === titleAt && dropTitle) return [];
    if (b.kind === 'heading' && b.level === 1) return [{ ...b, level: 2 }];
    return [b];
  });
}

export function contentHtml(
  model: DocumentModel,
  title: string,
  tableLabel: string,
  digits: Digits = 'thai',
): string {
  const html = renderBlocksHtml(webBlocks(model.blocks, title), {
    digits,
    font: pageFont(),
    emblem: null,
  });
  return html
    .replaceAll(
      '<table class="ps-table">',
      `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(tableLabel)}"><table class="ps-table">`,
    )
    .replaceAll('</table>', '</table></div>');
}
