import { applyDigits } from '../digits.ts';
import type { DocumentModel, RenderOptions } from '../model.ts';
import { renderBlocksHtml } from './blocks.ts';
import { blocksCss, fontFaceCss, pageCss, screenCss } from './document-css.ts';
import { escapeHtml } from './escape.ts';

export { renderBlocksHtml } from './blocks.ts';
export { blocksCss, fontFaceCss } from './document-css.ts';

/**
 * The document as one self-contained HTML page: its fonts as data: URLs (the machine may have no Thai
 * font), the emblem as a data: URL, no script and nothing fetched. Printing it (Chromium's page.pdf)
 * gives the A4 pages; `forPrint: false` adds a paper-like look for viewing on screen.
 */
export function renderHtml(
  model: DocumentModel,
  options: RenderOptions,
  opts: { forPrint?: boolean } = {},
): string {
  const css = [
    fontFaceCss(options.font),
    pageCss(model.orientation, options.digits, options.font),
    blocksCss(options.font),
    opts.forPrint ? '' : screenCss(model.orientation),
  ].join('\n');
  const body = renderBlocksHtml(model.blocks, options, { form: model.form });
  return `<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(applyDigits(model.title, options.digits))}</title>
<style>
${css}
</style>
</head>
<body>
<main class="ps-sheet">
${body}
</main>
</body>
</html>
`;
}
