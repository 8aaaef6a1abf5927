import { z } from 'zod';
import type { Actor } from '../../http/actor.ts';
import { fail } from '../../http/app-error.ts';
import { decodeBase64 } from '../../http/base64.ts';
import { documentPolicy } from './documents.policy.ts';
import { saveFontFile } from './fonts/document-fonts.ts';

export const fontUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  contentBase64: z.string().min(1),
});

/** Adds a font to FONTS_DIR after checking it (TTF/OTF, Thai letters, embedding allowed). */
export async function uploadFont(actor: Actor, fontsDir: string, input: z.infer<typeof fontUploadSchema>) {
  if (!documentPolicy.manageFonts(actor)) throw fail.forbidden();
  const saved = await saveFontFile(
    fontsDir,
    input.fileName,
    decodeBase64(input.contentBase64, 'contentBase64'),
  );
  return { family: saved.font.family, bold: saved.font.bold };
}
