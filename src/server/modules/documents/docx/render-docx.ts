/**
 * The DOCX renderer: a DocumentModel → a .docx that Thai government officers open in Word or
 * LibreOffice: the chosen font embedded and set in every run's complex-script slot, Thai language,
 * Thai or Arabic digits, A4 with Thai official margins, page numbers from page 2. The Normal style is
 * the chosen font at the body size with the exact line height the PDF has (a paragraph typed anew in
 * Word looks like the rest); headings are bold.
 */
import { Document, type FileChild, Packer } from 'docx';
import { lineMetrics } from '../line-metrics.ts';
import type { Block, DocumentModel, RenderOptions } from '../model.ts';
import { headingSizePt } from '../typesetting.ts';
import { barChartBlock, legendBlock } from './chart.ts';
import { fontFiles, fontTableXml } from './fonts.ts';
import { opening, sectionOptions, textWidth } from './page.ts';
import {
  fieldsParagraphs,
  headingParagraph,
  type Keep,
  listParagraphs,
  pageBreakParagraph,
  proseParagraph,
  signatureParagraphs,
  spacerParagraph,
} from './paragraphs.ts';
import { corePropertiesXml, settingsXml } from './parts.ts';
import { baseRunProperties } from './runs.ts';
import { type DocxContext, exactLine } from './style.ts';
import { tableBlock } from './tables.ts';

/** `keep.keepNext`: the block's last paragraph stays on the page of the next block (a signature). */
export function renderBlock(ctx: DocxContext, block: Block, keep: Keep = {}): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(ctx, block)];
    case 'paragraph':
      return [proseParagraph(ctx, block, keep)];
    case 'list':
      return listParagraphs(ctx, block, keep);
    case 'table':
      return tableBlock(ctx, block);
    case 'fields':
      return fieldsParagraphs(ctx, block, keep);
    case 'signature':
      return signatureParagraphs(ctx, block);
    case 'barChart':
      return barChartBlock(ctx, block);
    case 'legend':
      return legendBlock(ctx, block);
    case 'pageBreak':
      return [pageBreakParagraph()];
  }
}

/** The blocks, each paragraph before a signature kept with it (a signature never alone on a page). */
function renderBlocks(ctx: DocxContext, blocks: Block[]): FileChild[] {
  return blocks.flatMap((block, i) =>
    renderBlock(ctx, block, { keepNext: blocks[i + 1]?.kind === 'signature' }),
  );
}

/** Normal and Heading 1–3 as the document uses them: the chosen font, bold black headings. */
function styles(ctx: DocxContext) {
  const run = baseRunProperties(ctx);
  const heading = (level: 1 | 2 | 3) => {
    const size = headingSizePt(ctx.bodyPt, level);
    return {
      run: { ...baseRunProperties(ctx, size), bold: true, boldComplexScript: true, color: '000000' },
      paragraph: { keepNext: true, keepLines: true, spacing: exactLine(ctx, size) },
    };
  };
  return {
    default: {
      document: { run, paragraph: { spacing: { before: 0, after: 0, ...exactLine(ctx) } } },
      heading1: heading(1),
      heading2: heading(2),
      heading3: heading(3),
    },
    paragraphStyles: [
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run,
        paragraph: { spacing: { before: 0, after: 0, ...exactLine(ctx) } },
      },
    ],
  };
}

export async function renderDocx(model: DocumentModel, options: RenderOptions): Promise<Uint8Array> {
  const ctx: DocxContext = {
    digits: options.digits,
    family: options.font.family,
    bodyPt: options.font.bodySizePt,
    textWidth: textWidth(model.orientation),
    lineEm: lineMetrics(options.font).lineHeight,
  };
  const { leading, blocks } = opening(ctx, model, options.emblem);
  const children: FileChild[] = [
    ...leading,
    ...(model.form === 'official' && leading.length > 0 ? [spacerParagraph(ctx)] : []),
    ...renderBlocks(ctx, blocks),
  ];
  if (children.length === 0) children.push(spacerParagraph(ctx));
  const doc = new Document({
    title: model.title,
    creator: 'Prongsai',
    styles: styles(ctx),
    fonts: fontFiles(options.font),
    sections: [sectionOptions(ctx, model, children)],
  });
  const buffer = await Packer.toBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml(doc, options.font) },
    { path: 'word/settings.xml', data: settingsXml() },
    { path: 'docProps/core.xml', data: corePropertiesXml(model.title, new Date()) },
  ]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
