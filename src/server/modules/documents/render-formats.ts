import type { DocumentFormat } from '#shared/documents/contract.ts';
import { AppError } from '../../http/app-error.ts';
import { renderDocx } from './docx/render-docx.ts';
import { loadDocumentFont } from './fonts/document-fonts.ts';
import { renderHtml } from './html/render-html.ts';
import type { DocumentFont, DocumentModel, RenderOptions, Workbook } from './model.ts';
import { renderXlsx } from './xlsx/render-xlsx.ts';

/**
 * Prints a self-contained HTML page to PDF (headless Chromium, see pdf/pdf-renderer.ts); `kind` (the
 * document's) names it in the line logged when the render fails.
 */
export type PdfPrinter = {
  print(html: string, options: { landscape: boolean; kind?: string }): Promise<Uint8Array>;
};

/** What turns a document model into files: the font loader and the PDF printer (absent: no PDF). */
export type DocumentRenderers = {
  font(choice: string): Promise<DocumentFont>;
  pdf: PdfPrinter | null;
};

export async function renderFormat(
  renderers: DocumentRenderers,
  format: DocumentFormat,
  input: { model: DocumentModel; workbook: Workbook | null; options: RenderOptions },
): Promise<Uint8Array> {
  const { model, workbook, options } = input;
  if (format === 'docx') return renderDocx(model, options);
  if (format === 'xlsx') {
    if (!workbook) throw new Error(`${model.kind} has no spreadsheet`);
    return renderXlsx(workbook, { digits: options.digits });
  }
  if (!renderers.pdf) {
    throw new AppError(
      503,
      'pdf_unavailable',
      'ระบบนี้ไม่ได้เปิดการสร้าง PDF (ไม่มี Chromium): ไฟล์ DOCX และ XLSX ยังใช้ได้',
      'PDF rendering is turned off here (no Chromium); DOCX and XLSX still work',
    );
  }
  return renderers.pdf.print(renderHtml(model, options, { forPrint: true }), {
    landscape: model.orientation === 'landscape',
    kind: model.kind,
  });
}

/** The renderers of a deployment: fonts from the bundled Sarabun or FONTS_DIR, PDF through the given printer. */
export function documentRenderersFor(
  config: { fontsDir: string },
  pdf: PdfPrinter | null,
): DocumentRenderers {
  return {
    font: (choice) =>
      loadDocumentFont(choice === 'bundled' ? 'bundled' : { family: choice }, config.fontsDir),
    pdf,
  };
}
