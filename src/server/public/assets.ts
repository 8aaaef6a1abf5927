import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { assetPath } from './addresses.ts';
import { pageFont } from './content.ts';
import { type FontFile, siteCss } from './styles.ts';

/**
 * The static files of the public pages, named by a hash of their bytes so that they can be cached for
 * a year: Sarabun's Thai and Latin subsets (regular and bold WOFF2 from @fontsource/sarabun, the same
 * files the app's UI uses) and the stylesheet that points at them. Read once, on first use.
 */
export type Asset = { bytes: Uint8Array; contentType: string; etag: string };

const require = createRequire(import.meta.url);
const SUBSETS = {
  thai: 'U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,' +
    'U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

const hashOf = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

let assets: { byName: Map<string, Asset>; stylesheet: string } | undefined;

function load() {
  const byName = new Map<string, Asset>();
  const fonts: FontFile[] = [];
  for (const [subset, range] of Object.entries(SUBSETS)) {
    for (const weight of [400, 700] as const) {
      const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`);
      const bytes = new Uint8Array(fs.readFileSync(file));
      const hash = hashOf(bytes);
      const name = `sarabun-${subset}-${weight}.${hash.slice(0, 12)}.woff2`;
      byName.set(name, { bytes, contentType: 'font/woff2', etag: `"${hash.slice(0, 32)}"` });
      fonts.push({ name, weight, range });
    }
  }
  const css = new TextEncoder().encode(siteCss(fonts, pageFont(), assetPath));
  const hash = hashOf(css);
  const stylesheet = `site.${hash.slice(0, 12)}.css`;
  byName.set(stylesheet, {
    bytes: css,
    contentType: 'text/css; charset=utf-8',
    etag: `"${hash.slice(0, 32)}"`,
  });
  return { byName, stylesheet };
}

/** The file under /p/assets/<name>, or undefined. */
export function publicAsset(name: string): Asset | undefined {
  assets ??= load();
  return assets.byName.get(name);
}

/** The address of the stylesheet every public page links. */
export function stylesheetPath(): string {
  assets ??= load();
  return assetPath(assets.stylesheet);
}
