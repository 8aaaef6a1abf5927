/**
 * The part of opentype.js 2.0 the documents module uses (the package ships no types). Node loads its CJS
 * build, whose module.exports is the whole API, so it is imported as a default export.
 */
declare module 'opentype.js' {
  type NameTable = Partial<Record<string, Record<string, string>>>;

  interface Os2Table {
    version: number;
    usWeightClass: number;
    fsType: number;
    fsSelection: number;
    sxHeight?: number;
    sCapHeight?: number;
    usWinAscent: number;
    usWinDescent: number;
  }

  interface BoundingBox {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
  }

  class Path {
    moveTo(x: number, y: number): void;
    lineTo(x: number, y: number): void;
    close(): void;
  }

  class Glyph {
    constructor(options: { name: string; unicode?: number; advanceWidth: number; path: Path });
    advanceWidth?: number;
    getBoundingBox(): BoundingBox;
  }

  interface FontOptions {
    familyName: string;
    styleName: string;
    unitsPerEm: number;
    ascender: number;
    descender: number;
    glyphs: Glyph[];
    weightClass?: number;
    tables?: { os2?: Partial<Os2Table> };
  }

  class Font {
    constructor(options: FontOptions);
    unitsPerEm: number;
    ascender: number;
    descender: number;
    outlinesFormat: 'truetype' | 'cff';
    names: { windows?: NameTable; macintosh?: NameTable; unicode?: NameTable };
    tables: { os2?: Os2Table; head?: { macStyle: number }; [table: string]: unknown };
    glyphs: { length: number };
    charToGlyphIndex(char: string): number;
    charToGlyph(char: string): Glyph;
    toArrayBuffer(): ArrayBuffer;
  }

  const opentype: {
    parse(buffer: ArrayBuffer, options?: { lowMemory?: boolean }): Font;
    Font: typeof Font;
    Glyph: typeof Glyph;
    Path: typeof Path;
  };
  export default opentype;
  export type { Font, Glyph, Os2Table, Path };
}
