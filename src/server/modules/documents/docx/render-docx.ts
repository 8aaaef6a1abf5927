/**
 * The DOCX renderer: a DocumentModel → a .docx that Thai government officers open in Word or
 * LibreOffice: the chosen font embedded and set in every run's complex-script slot, Thai language,
 * Thai or Arabic digits, A4 with Thai official margins, page numbers from page 2.
 */
import { Document, type FileChild, type ISpacingProperties, LineRuleType, Packer } from 'docx';
import type { Block, DocumentModel, RenderOptions } from '../model.ts';
import { barChartBlock, legendBlock } from './chart.ts';
import { fontFiles, fontTableXml, lineHeightEm } from './fonts.ts';
import { opening, sectionOptions, textWidth } from './page.ts';
import {
  fieldsParagraphs,
  headingParagraph,
  listParagraphs,
  pageBreakParagraph,
  proseParagraph,
  signatureParagraphs,
  spacerParagraph,
} from './paragraphs.ts';
import { corePropertiesXml, settingsXml } from './parts.ts';
import { baseRunProperties } from './runs.ts';
import { type DocxContext, pt } from './style.ts';
import { tableBlock } from './tables.ts';

export function renderBlock(ctx: DocxContext, block: Block): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(ctx, block)];
    case 'paragraph':
      return [proseParagraph(ctx, block)];
    case 'list':
      return listParagraphs(ctx, block);
    case 'table':
      return tableBlock(ctx, block);
    case 'fields':
      return fieldsParagraphs(ctx, block);
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

/** Single spacing, at least as tall as Word's single line for the font (see `lineHeightEm`). */
function lineSpacing(options: RenderOptions): ISpacingProperties {
  const em = lineHeightEm(options.font.regular);
  if (em === null) return { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };
  return { before: 0, after: 0, line: pt(em * options.font.bodySizePt), lineRule: LineRuleType.AT_LEAST };
}

export async function renderDocx(model: DocumentModel, options: RenderOptions): Promise<Uint8Array> {
  const ctx: DocxContext = {
    digits: options.digits,
    family: options.font.family,
    bodyPt: options.font.bodySizePt,
    textWidth: textWidth(model.orientation),
  };
  const { leading, blocks } = opening(ctx, model, options.emblem);
  const children: FileChild[] = [
    ...leading,
    ...(model.form === 'official' && leading.length > 0 ? [spacerParagraph(ctx)] : []),
    ...blocks.flatMap((block) => renderBlock(ctx, block)),
  ];
  if (children.length === 0) children.push(spacerParagraph(ctx));
  const doc = new Document({
    title: model.title,
    creator: 'Prongsai',
    styles: {
      default: {
        document: {
          run: baseRunProperties(ctx),
          paragraph: { spacing: lineSpacing(options) },
        },
      },
    },
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
