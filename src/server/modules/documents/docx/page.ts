/**
 * The page: A4 with the margins of Thai official documents (left 3 cm, right 2 cm, top 2.5 cm,
 * bottom 2 cm), the page number centred in the header as "- ๒ -" (Thai digits through the section's
 * page-number format when digits are Thai) and no number on page 1; and the emblem: at the top left
 * beside a memo's big heading, or centred above a report's title.
 */
import {
  AlignmentType,
  type FileChild,
  Header,
  ImageRun,
  type ISectionOptions,
  NumberFormat,
  PageNumber,
  PageOrientation,
  Paragraph,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
} from 'docx';
import type { Block, DocumentImage, DocumentModel } from '../model.ts';
import { PAGE_MARGINS_CM } from '../typesetting.ts';
import { headingParagraph } from './paragraphs.ts';
import { runProperties } from './runs.ts';
import { cm, cmToPixels, type DocxContext, pt } from './style.ts';
import { dxa, fixedTable, NO_BORDERS } from './tables.ts';

/** A4 in twips, portrait. */
const A4 = { width: 11906, height: 16838 };
export const MARGINS = {
  left: cm(PAGE_MARGINS_CM.left),
  right: cm(PAGE_MARGINS_CM.right),
  top: cm(PAGE_MARGINS_CM.top),
  bottom: cm(PAGE_MARGINS_CM.bottom),
  header: cm(1.2),
  footer: cm(1),
};

/** The width between the margins in twips. */
export function textWidth(orientation: DocumentModel['orientation']): number {
  const pageWidth = orientation === 'landscape' ? A4.height : A4.width;
  return pageWidth - MARGINS.left - MARGINS.right;
}

/**
 * "- ๒ -", the form the PDF prints too. The dashes are runs of their own: LibreOffice drops text that
 * follows a field in the same run (it showed "-2"). Word shows the number in Thai digits through the
 * section's page-number format `thaiNumbers`; LibreOffice 7.4 maps no DOCX number format to Thai
 * digits (it ignores `thaiNumbers`, and reads the field switch `\* ThaiArabic` as Thai letters ข, ค),
 * so there the number stays in Arabic digits.
 */
function pageNumberHeader(ctx: DocxContext): Header {
  const props = runProperties(ctx);
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ ...props, text: '- ' }),
          new TextRun({ ...props, children: [PageNumber.CURRENT] }),
          new TextRun({ ...props, text: ' -' }),
        ],
      }),
    ],
  });
}

export function sectionOptions(
  ctx: DocxContext,
  model: DocumentModel,
  children: FileChild[],
): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation:
            model.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: MARGINS,
        pageNumbers: {
          start: 1,
          formatType: ctx.digits === 'thai' ? NumberFormat.THAI_NUMBERS : NumberFormat.DECIMAL,
        },
      },
    },
    headers: {
      default: pageNumberHeader(ctx),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
    children,
  };
}

function emblemRun(image: DocumentImage, heightCm: number): ImageRun {
  const height = cmToPixels(heightCm);
  const ratio = image.width > 0 && image.height > 0 ? image.width / image.height : 1;
  return new ImageRun({
    type: image.mime === 'image/png' ? 'png' : 'jpg',
    data: image.bytes,
    transformation: { width: height * ratio, height },
    altText: { name: 'emblem', title: 'ตราสัญลักษณ์', description: 'ตราสัญลักษณ์' },
  });
}

/** A memo's big heading: about 1.8 × body (29 pt beside a 16 pt body in the official style). */
export function memoHeadingSizePt(ctx: DocxContext): number {
  return Math.round(ctx.bodyPt * 1.8);
}

const MEMO_EMBLEM_CM = 1.5;
const REPORT_EMBLEM_CM = 2.5;

/**
 * What goes first on page 1 and the blocks left to render. `official`: the first level-1 heading
 * large and centred with the emblem at the left on the same line (a borderless table of three
 * columns, the outer two equal so the heading stays centred on the page). `report`: the emblem
 * centred above everything.
 */
export function opening(
  ctx: DocxContext,
  model: DocumentModel,
  emblem: DocumentImage | null,
): { leading: FileChild[]; blocks: Block[] } {
  const [first, ...rest] = model.blocks;
  if (model.form === 'report') {
    if (!emblem) return { leading: [], blocks: model.blocks };
    const picture = new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 0, after: pt(6) },
      children: [emblemRun(emblem, REPORT_EMBLEM_CM)],
    });
    return { leading: [picture], blocks: model.blocks };
  }
  const isTitle = first?.kind === 'heading' && first.level === 1;
  if (!isTitle && !emblem) return { leading: [], blocks: model.blocks };
  const heading =
    first?.kind === 'heading' && first.level === 1
      ? headingParagraph(ctx, first, { sizePt: memoHeadingSizePt(ctx), align: 'center' })
      : null;
  if (!emblem) return { leading: heading ? [heading] : [], blocks: rest };
  const emblemParagraph = new Paragraph({ children: [emblemRun(emblem, MEMO_EMBLEM_CM)] });
  const ratio = emblem.width > 0 && emblem.height > 0 ? emblem.width / emblem.height : 1;
  const side = Math.max(cm(2), cm(MEMO_EMBLEM_CM * ratio) + 100);
  const widths = [side, ctx.textWidth - 2 * side, side];
  const cells = [
    [emblemParagraph],
    [heading ?? new Paragraph({ children: [] })],
    [new Paragraph({ children: [] })],
  ].map(
    (children, i) =>
      new TableCell({
        width: dxa(widths[i]!),
        verticalAlign: i === 0 ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
        children,
      }),
  );
  const table = fixedTable({
    widths,
    rows: [new TableRow({ cantSplit: true, children: cells })],
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  });
  return { leading: [table], blocks: heading ? rest : model.blocks };
}
