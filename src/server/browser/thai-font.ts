import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Neither this machine nor the @sparticuz/chromium build has a Thai font (fc-list :lang=th is
 * empty), so Thai text in a PDF comes out as empty boxes unless the page brings its own font. This
 * inlines Sarabun (the UI's font, from @fontsource/sarabun) as data: URLs, which work with
 * `page.setContent` and need no file or network access.
 */
const SUBSETS = {
  thai: 'U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,' +
    'U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
};

export type SarabunWeight = 100 | 200 | 300 | 400 | 500 | 600 | 700 | 800;

const require = createRequire(import.meta.url);
const cache = new Map<SarabunWeight, string>();

function faces(weight: SarabunWeight): string {
  let css = cache.get(weight);
  if (css === undefined) {
    css = Object.entries(SUBSETS)
      .map(([subset, range]) => {
        const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`);
        const data = fs.readFileSync(file).toString('base64');
        return (
          `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${weight};` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`
        );
      })
      .join('\n');
    cache.set(weight, css);
  }
  return css;
}

/** `@font-face` rules for Sarabun (Thai and Latin subsets) in the given weights, for a `<style>`. */
export function sarabunFontFaceCss(weights: readonly SarabunWeight[] = [400, 700]): string {
  return weights.map(faces).join('\n');
}
