import { AppError } from '../../../http/app-error.ts';
import type { PdfPrinter } from '../render-formats.ts';
import {
  PdfBusyError,
  PdfCrashedError,
  PdfMemoryError,
  type PdfRenderer,
  PdfTimeoutError,
  PdfUnavailableError,
} from './pdf-renderer.ts';

/** The renderer as the documents module uses it: its failures become 503 answers in Thai and English. */
export function pdfPrinter(renderer: PdfRenderer): PdfPrinter {
  return {
    async print(html, options) {
      try {
        return await renderer.render(html, options);
      } catch (error) {
        if (error instanceof PdfUnavailableError) {
          const tried = error.tried.join('; ');
          throw new AppError(
            503,
            'pdf_unavailable',
            `ไม่สามารถเปิด Chromium เพื่อสร้างไฟล์ PDF ได้ ให้ผู้ดูแลระบบตั้งค่า CHROMIUM_PATH (ที่ลองแล้ว: ${tried}) ไฟล์ DOCX และ XLSX ยังใช้ได้`,
            `Cannot start Chromium to make the PDF: set CHROMIUM_PATH (tried: ${tried}). DOCX and XLSX still work.`,
          );
        }
        if (error instanceof PdfBusyError || error instanceof PdfTimeoutError) {
          const [th, en] = error.message.split(' / ');
          throw new AppError(503, 'pdf_busy', th ?? error.message, en ?? error.message);
        }
        // Chromium died twice under this render, or the document took more memory than the bound even alone.
        if (error instanceof PdfCrashedError || error instanceof PdfMemoryError) {
          throw new AppError(503, 'pdf_failed', error.th, error.en);
        }
        throw error;
      }
    },
  };
}
