/**
 * The document model: what a layout (analysis report, plan, round report, memo, circular) produces
 * and what every renderer (DOCX, HTML→PDF) consumes. Layouts decide the content and its order;
 * renderers decide only how it looks in their format. Text is written with Arabic digits; the
 * renderer turns them into Thai digits when the options say so, except in runs marked `literal`
 * (URLs, e-mail addresses, file names).
 */

export type Digits = 'thai' | 'arabic';

export type Run = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Kept exactly as written: no digit conversion (URLs, codes that must match another system). */
  literal?: boolean;
  /** An http(s) address: the run becomes a hyperlink (always literal). */
  link?: string;
};

/** A paragraph's content: plain text or runs. */
export type Inline = string | Run[];

export type Align = 'left' | 'center' | 'right' | 'justify';

/** Emphasis of a table cell or chart bar, shown as a fill colour and described in a legend. */
export type Mark = 'urgent' | 'develop' | 'ok' | 'strength' | 'muted';

export type Cell = {
  /** Each entry is one line (paragraph) in the cell. */
  lines: Inline[];
  /** Lines numbered 1., 2., … (steps of a measure). */
  numbered?: boolean;
  colSpan?: number;
  align?: Align;
  bold?: boolean;
  mark?: Mark;
};

export type TableColumn = {
  header: string;
  /** Relative width; the renderer scales the columns to the text width. */
  width: number;
  align?: Align;
};

export type Row =
  | { kind: 'cells'; cells: Cell[] }
  /** A full-width row that names what follows (an issue of the plan, an indicator group). */
  | { kind: 'group'; text: Inline; mark?: Mark };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: Inline; align?: Align }
  | {
      kind: 'paragraph';
      text: Inline;
      align?: Align;
      /** First-line indent of official Thai prose (about 2.5 cm). */
      indent?: boolean;
      /** Space before in points (besides the renderer's default). */
      spaceBefore?: number;
    }
  | { kind: 'list'; ordered: boolean; items: Inline[] }
  | {
      kind: 'table';
      columns: TableColumn[];
      rows: Row[];
      /** Said in place of the table when it has no rows (never an empty table). */
      emptyText: string;
      caption?: string;
    }
  /** Labelled lines such as a memo's heading: ส่วนราชการ …, ที่ … วันที่ …, เรื่อง …, เรียน … */
  | { kind: 'fields'; lines: { label: string; value: Inline }[][] }
  | {
      kind: 'signature';
      name: string;
      positions: string[];
      caption?: string;
      /**
       * Signed electronically (decision 024): `label` ("ลงนามอิเล็กทรอนิกส์") stands where the hand
       * signature would be, and `lines` (date and time, how identity was verified, the verification code)
       * follow the positions.
       */
      electronic?: { label: string; lines: Inline[] };
    }
  | {
      kind: 'barChart';
      title: string;
      /** Axis maximum (100 for ITA scores). */
      max: number;
      bars: { label: string; value: number | null; mark?: Mark }[];
      /** Vertical lines such as the threshold used for the analysis. */
      lines: { value: number; label: string }[];
    }
  | { kind: 'legend'; items: { mark: Mark; label: string }[] }
  | { kind: 'pageBreak' };

export type DocumentKind =
  | 'analysis'
  | 'plan'
  | 'round'
  | 'memo'
  | 'circular'
  | 'circular-letter'
  | 'publication-form';

export type DocumentModel = {
  kind: DocumentKind;
  /** Title for the file's properties and the HTML <title>. */
  title: string;
  orientation: 'portrait' | 'landscape';
  /**
   * `official`: a memo or letter (บันทึกข้อความ): the emblem at the top left beside the big heading, no
   * page number on page 1. `report`: the emblem centred above the title.
   */
  form: 'official' | 'report';
  blocks: Block[];
};

/** A TTF/OTF font for documents: the bundled Sarabun or one from the fonts folder. */
export type DocumentFont = {
  /** The family name written into the DOCX and CSS (from the font's own name table). */
  family: string;
  regular: Uint8Array;
  bold: Uint8Array | null;
  /** Body size in points: 16 for TH Sarabun New; the bundled Sarabun draws larger, so less. */
  bodySizePt: number;
  source: 'bundled' | 'folder';
};

export type DocumentImage = {
  bytes: Uint8Array;
  mime: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
};

export type RenderOptions = {
  digits: Digits;
  font: DocumentFont;
  /** The agency's emblem or logo, or none. */
  emblem: DocumentImage | null;
};

/** A spreadsheet: one sheet per table, Thai sheet names (at most 31 characters). */
export type Workbook = { title: string; sheets: Sheet[] };

export type SheetColumn = {
  header: string;
  /** Width in characters. */
  width: number;
  /** `literal`: text kept exactly as written, no digit conversion (file names, codes of another system). */
  type: 'text' | 'literal' | 'integer' | 'decimal' | 'percent' | 'date';
};

export type SheetValue = string | number | Date | null;

export type Sheet = {
  name: string;
  /** Lines above the table (document title, organisation, fiscal year). */
  heading: string[];
  columns: SheetColumn[];
  rows: SheetValue[][];
};

export type SheetOptions = { digits: Digits };
