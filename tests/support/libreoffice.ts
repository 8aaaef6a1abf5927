import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * LibreOffice for the DOCX checks: where `soffice` is, and a headless DOCX → PDF conversion as an
 * officer's LibreOffice would open the file. The checks that use it skip, saying so, where it is not
 * installed (`scripts/install-libreoffice.sh`; `npm run test:libreoffice`).
 */

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** The `soffice` on PATH, or null. */
export const SOFFICE = onPath('soffice');

export type Conversion = { code: number | null; stdout: string; stderr: string; pdf: Uint8Array | null };

/**
 * Converts `docx` to `<outDir>/<name>.pdf`. Each conversion has a LibreOffice profile of its own (never
 * the user's, never waiting for another conversion's lock).
 */
export function convertToPdf(docx: string, outDir: string): Promise<Conversion> {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is not installed');
  const profile = fs.mkdtempSync(path.join(outDir, `profile-${path.basename(docx, '.docx')}-`));
  const file = path.join(outDir, `${path.basename(docx, '.docx')}.pdf`);
  return new Promise((resolve) => {
    execFile(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        docx,
      ],
      { timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const pdf = fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : null;
        resolve({ code, stdout, stderr, pdf });
      },
    );
  });
}
