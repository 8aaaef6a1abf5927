/**
 * The layout of a framework workbook (กรอบการประเมิน ITA as an XLSX), shared by the writer and the
 * reader: one sheet per part of an edition, the way NACC's manuals tabulate a framework.
 *
 * A table sheet has two header rows: row 1 the Thai header a person reads, row 2 the field's key
 * (the edition schema's English field name, see catalogue/README.md), which the reader goes by;
 * data starts on row 3. A key/value sheet has one row per field: label, key, value, help.
 * The reader finds columns by key (row 2), else by the Thai header (row 1), so columns may be moved.
 */

/** How a cell is read and written. */
export type ColumnKind =
  /** Text; blank = absent. */
  | 'text'
  | 'int'
  | 'number'
  | 'bool'
  /** A list of texts, one per line of the cell. */
  | 'lines'
  /** A list of codes or ids separated by commas, spaces or lines. */
  | 'codes'
  /** A list of numbers separated by commas, spaces or lines. */
  | 'numbers'
  /** A number or a text (facts). */
  | 'value'
  /** A date as YYYY-MM-DD (Gregorian); a date-formatted cell is accepted. */
  | 'date';

export type ColumnSpec = {
  /** The field's key, written in header row 2 (English). */
  key: string;
  /** The Thai header, written in header row 1. */
  th: string;
  /** What goes in the column, for the instructions sheet. */
  help_th: string;
  help_en: string;
  kind: ColumnKind;
  /** Must be filled on every row (no default). */
  required?: boolean;
  /** Filled with a default when left empty (confidence, source): said on the instructions sheet. */
  provenance?: boolean;
  width?: number;
};

export type SheetId =
  | 'general'
  | 'instruments'
  | 'indicators'
  | 'subIndicators'
  | 'questions'
  | 'subItems'
  | 'alternatives'
  | 'levels'
  | 'scoring'
  | 'groupings'
  | 'groupingRefs'
  | 'mappings'
  | 'requiredParts'
  | 'answerScales'
  | 'calendar'
  | 'facts'
  | 'examples'
  | 'sources';

export type SheetSpec = {
  id: SheetId;
  /** The sheet's name in the workbook (Thai, at most 31 characters). */
  name: string;
  name_en: string;
  layout: 'table' | 'keyvalue';
  /** A workbook without this sheet is refused; other sheets may be left out (nothing of that part). */
  required: boolean;
  help_th: string;
  help_en: string;
  columns: ColumnSpec[];
};

export const INSTRUCTIONS_SHEET = 'คำแนะนำ';
/** The source used where a row leaves its source empty, added to the sources sheet when needed. */
export const DEFAULT_SOURCE_ID = 'IMPORT-XLSX';
export const DEFAULT_SOURCE_TITLE = 'ไฟล์กรอบการประเมินที่ผู้ดูแลระบบนำเข้า';
export const DEFAULT_CONFIDENCE = 'medium';
/** What a question with no wording says, when the row says nothing. */
export const DEFAULT_MISSING_TH = 'ไฟล์กรอบการประเมินที่นำเข้าไม่มีถ้อยคำของข้อนี้';

const col = (
  key: string,
  th: string,
  kind: ColumnKind,
  help_th: string,
  help_en: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, th, kind, help_th, help_en, ...extra });

const provenanceColumns = (prefix = ''): ColumnSpec[] => [
  col(
    `${prefix}confidence`,
    prefix ? 'ความเชื่อมั่น (กลุ่ม)' : 'ความเชื่อมั่น',
    'text',
    'high (สูง) / medium (ปานกลาง) / low (ต่ำ) ว่างไว้ = medium',
    'high / medium / low; empty = medium',
    { provenance: true, width: 12 },
  ),
  col(
    `${prefix}source`,
    prefix ? 'แหล่งข้อมูล (กลุ่ม)' : 'แหล่งข้อมูล',
    'codes',
    `รหัสแหล่งข้อมูลจากแผ่นงาน "แหล่งข้อมูล" คั่นด้วยจุลภาค ว่างไว้ = ${DEFAULT_SOURCE_ID}`,
    `ids from the sources sheet, comma separated; empty = ${DEFAULT_SOURCE_ID}`,
    { provenance: true, width: 16 },
  ),
  col(
    `${prefix}note`,
    prefix ? 'หมายเหตุ (กลุ่ม)' : 'หมายเหตุ',
    'text',
    'ข้อสังเกต ที่มา หรือสิ่งที่แก้ไข (ไม่บังคับ)',
    'why, caveats, what was corrected (optional)',
    { width: 50 },
  ),
];

const confidence = (key: string, th: string): ColumnSpec =>
  col(key, th, 'text', 'high / medium / low', 'high / medium / low', { width: 12 });

export const SHEETS: readonly SheetSpec[] = [
  {
    id: 'general',
    name: 'ข้อมูลทั่วไป',
    name_en: 'General',
    layout: 'keyvalue',
    required: true,
    help_th:
      'ปีงบประมาณ (พ.ศ.) ชื่อกรอบการประเมิน และความครบถ้วนของข้อมูล ใส่ "สิ่งที่ยังขาด" และ "หมายเหตุ" ได้หลายแถว แถวละหนึ่งเรื่อง',
    help_en:
      'Fiscal year (B.E.), titles and completeness; "missing" and "notes" may take several rows, one item each.',
    columns: [
      col('fiscal_year', 'ปีงบประมาณ (พ.ศ.)', 'int', 'เช่น 2570', 'e.g. 2570', { required: true }),
      col('title_th', 'ชื่อภาษาไทย', 'text', 'ชื่อกรอบการประเมิน', 'title in Thai', { required: true }),
      col('title_en', 'ชื่อภาษาอังกฤษ', 'text', 'ชื่อภาษาอังกฤษ', 'title in English', { required: true }),
      col(
        'completeness',
        'ความครบถ้วนของข้อมูล',
        'text',
        'หนึ่งประโยค: อะไรทราบแล้ว อะไรยังไม่ทราบ',
        'one sentence: what is known, what is not',
        { required: true },
      ),
      col('missing', 'สิ่งที่ยังขาด', 'text', 'แถวละหนึ่งเรื่อง (ไม่บังคับ)', 'one per row (optional)'),
      col('notes', 'หมายเหตุ', 'text', 'แถวละหนึ่งเรื่อง (ไม่บังคับ)', 'one per row (optional)'),
    ],
  },
  {
    id: 'instruments',
    name: 'แบบวัด',
    name_en: 'Instruments',
    layout: 'table',
    required: true,
    help_th: 'แบบวัด IIT EIT OIT และค่าน้ำหนัก (ร้อยละ) ซึ่งต้องรวมกันได้ 100 หรือว่างไว้ทั้งหมดเมื่อไม่ทราบ',
    help_en: 'IIT, EIT, OIT and their weights (%), which must sum to 100, or all be empty when unknown.',
    columns: [
      col('code', 'รหัสแบบวัด', 'text', 'IIT, EIT หรือ OIT', 'IIT, EIT or OIT', { required: true, width: 10 }),
      col('name_th', 'ชื่อภาษาไทย', 'text', 'ชื่อแบบวัด', 'name in Thai', { required: true, width: 40 }),
      col('name_en', 'ชื่อภาษาอังกฤษ', 'text', 'ชื่อภาษาอังกฤษ', 'name in English', { required: true, width: 30 }),
      col(
        'name_th_variants',
        'ชื่อที่เขียนต่างกัน',
        'lines',
        'ชื่ออื่นที่พบในเอกสาร บรรทัดละชื่อ',
        'other spellings, one per line',
        { width: 24 },
      ),
      col('weight_percent', 'น้ำหนัก (ร้อยละ)', 'number', 'เช่น 30 (ว่าง = ไม่ทราบ)', 'e.g. 30 (empty = unknown)', {
        width: 10,
      }),
      confidence('weight_confidence', 'ความเชื่อมั่นของน้ำหนัก'),
      col('weight_source', 'แหล่งของน้ำหนัก', 'codes', 'รหัสแหล่งข้อมูล', 'source ids', { width: 16 }),
      col('weight_note', 'หมายเหตุน้ำหนัก', 'text', 'ไม่บังคับ', 'optional', { width: 24 }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'indicators',
    name: 'ตัวชี้วัด',
    name_en: 'Indicators',
    layout: 'table',
    required: true,
    help_th: 'ตัวชี้วัดที่ 1 ถึง n และแบบวัดที่ตัวชี้วัดนั้นอยู่',
    help_en: 'Indicators 1..n and the instrument each belongs to.',
    columns: [
      col('number', 'ตัวชี้วัดที่', 'int', 'เลขตัวชี้วัด', 'indicator number', { required: true, width: 8 }),
      col('instrument', 'แบบวัด', 'text', 'IIT, EIT หรือ OIT', 'IIT, EIT or OIT', { required: true, width: 8 }),
      col('name_th', 'ชื่อตัวชี้วัด', 'text', 'ชื่อภาษาไทย', 'name in Thai', { required: true, width: 40 }),
      col('name_en', 'ชื่อภาษาอังกฤษ', 'text', 'ชื่อภาษาอังกฤษ', 'name in English', { required: true, width: 30 }),
      col(
        'name_th_variants',
        'ชื่อที่เขียนต่างกัน',
        'lines',
        'ชื่ออื่นที่พบในเอกสาร บรรทัดละชื่อ',
        'other spellings, one per line',
        { width: 24 },
      ),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'subIndicators',
    name: 'ตัวชี้วัดย่อย',
    name_en: 'Sub-indicators',
    layout: 'table',
    required: false,
    help_th: 'ตัวชี้วัดย่อย เช่น 9.1 ของตัวชี้วัดที่ 9 (พิมพ์รหัสเป็นข้อความ)',
    help_en: 'Sub-indicators such as 9.1 of indicator 9 (type the code as text).',
    columns: [
      col('code', 'รหัสตัวชี้วัดย่อย', 'text', 'เช่น 9.1', "e.g. '9.1'", { required: true, width: 10 }),
      col('indicator', 'ตัวชี้วัดที่', 'int', 'เลขตัวชี้วัด', 'indicator number', { required: true, width: 8 }),
      col('name_th', 'ชื่อตัวชี้วัดย่อย', 'text', 'ชื่อภาษาไทย', 'name in Thai', { required: true, width: 40 }),
      col('name_en', 'ชื่อภาษาอังกฤษ', 'text', 'ชื่อภาษาอังกฤษ', 'name in English', { required: true, width: 30 }),
      col('name_th_alternatives', 'ชื่ออื่นที่พบ', 'lines', 'บรรทัดละชื่อ (ไม่บังคับ)', 'one per line (optional)', {
        width: 24,
      }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'questions',
    name: 'ข้อคำถาม',
    name_en: 'Questions',
    layout: 'table',
    required: true,
    help_th:
      'ข้อคำถามของ IIT และ EIT และข้อ OIT (ข้อ OIT คือข้อคำถามของแบบวัด OIT) หนึ่งแถวต่อหนึ่งข้อ รหัสตัวพิมพ์เล็ก i1 e11 o14',
    help_en:
      'IIT and EIT questions and OIT items (an OIT item is a question of the OIT instrument), one row each; codes in lower case: i1, e11, o14.',
    columns: [
      col('code', 'รหัสข้อ', 'text', 'เช่น i1, e11, o14', 'e.g. i1, e11, o14', { required: true, width: 8 }),
      col(
        'display_code',
        'รหัสที่แสดง',
        'text',
        'ตามที่พิมพ์ในคู่มือ เช่น O14 (ว่าง = ตามรหัสข้อ)',
        'as printed, e.g. O14 (empty = from the code)',
        { width: 8 },
      ),
      col(
        'instrument',
        'แบบวัด',
        'text',
        'IIT, EIT หรือ OIT (ว่าง = ตามอักษรแรกของรหัส)',
        'IIT, EIT or OIT (empty = from the code letter)',
        { width: 8 },
      ),
      col('indicator', 'ตัวชี้วัดที่', 'int', 'เลขตัวชี้วัดที่ข้อนี้อยู่', 'indicator number', {
        required: true,
        width: 8,
      }),
      col('sub_indicator', 'ตัวชี้วัดย่อย', 'text', 'เช่น 9.1 (ไม่บังคับ)', "e.g. '9.1' (optional)", { width: 8 }),
      col(
        'text_th',
        'ข้อคำถาม (ถ้อยคำภาษาไทย)',
        'text',
        'ถ้อยคำตามคู่มือ ว่างไว้เมื่อไม่ทราบ',
        'the wording as in the manual; empty when unknown',
        { width: 60 },
      ),
      col(
        'answer_type',
        'รูปแบบคำตอบ',
        'text',
        'likert4 (4 ระดับ), yes_no (มี/ไม่มี), disclosure (OIT) หรือว่างเมื่อไม่ทราบ',
        'likert4, yes_no, disclosure (OIT) or empty when unknown',
        { width: 12 },
      ),
      col('group_th', 'หัวข้อกลุ่ม (OIT)', 'text', 'หัวข้อของกลุ่มข้อ OIT (ไม่บังคับ)', 'OIT group heading (optional)', {
        width: 24,
      }),
      col(
        'missing',
        'เหตุที่ไม่มีถ้อยคำ',
        'text',
        'เมื่อไม่มีถ้อยคำ ว่างไว้ = ใช้ข้อความมาตรฐาน',
        'why the wording is missing; empty = a standard sentence',
        { width: 24 },
      ),
      col('text_th_as_found', 'ถ้อยคำตามที่พบ', 'text', 'ไม่บังคับ', 'verbatim heading (optional)', { width: 24 }),
      col(
        'text_en',
        'ถ้อยคำภาษาอังกฤษ',
        'text',
        'คำแปลสำหรับหน้าจอภาษาอังกฤษ (ไม่บังคับ ไม่ใช่ถ้อยคำทางการ)',
        'an English wording for the English screens (optional; a translation, not official wording)',
        { width: 40 },
      ),
      col(
        'text_en_source',
        'แหล่งของถ้อยคำภาษาอังกฤษ',
        'codes',
        'รหัสแหล่งข้อมูล (ต้องมีเมื่อมีถ้อยคำภาษาอังกฤษ)',
        'source ids (required with text_en)',
        { width: 12 },
      ),
      col('reverse_scored', 'ให้คะแนนกลับ', 'bool', 'TRUE/FALSE (ไม่บังคับ)', 'TRUE/FALSE (optional)', {
        width: 8,
      }),
      col('form_note_th', 'หมายเหตุในแบบ', 'text', 'ไม่บังคับ', 'optional', { width: 24 }),
      col('components_th', 'องค์ประกอบที่ต้องมี', 'lines', 'บรรทัดละรายการ', 'one per line', { width: 30 }),
      col('components_source', 'แหล่งขององค์ประกอบ', 'codes', 'รหัสแหล่งข้อมูล', 'source ids', { width: 12 }),
      confidence('components_confidence', 'ความเชื่อมั่นขององค์ประกอบ'),
      col('evidence_examples_th', 'ตัวอย่างหลักฐาน', 'lines', 'บรรทัดละรายการ', 'one per line', { width: 30 }),
      col('evidence_source', 'แหล่งของตัวอย่างหลักฐาน', 'codes', 'รหัสแหล่งข้อมูล', 'source ids', { width: 12 }),
      confidence('evidence_confidence', 'ความเชื่อมั่นของตัวอย่างหลักฐาน'),
      confidence('indicator_confidence', 'ความเชื่อมั่นของการจับคู่ตัวชี้วัด'),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'subItems',
    name: 'ข้อย่อย',
    name_en: 'Sub-items',
    layout: 'table',
    required: false,
    help_th:
      'ข้อย่อยของข้อคำถาม เช่น i4.1 ช่อง "ถ้อยคำอื่นลำดับที่" ว่างไว้ = ข้อย่อยของถ้อยคำหลัก ใส่เลขเมื่อเป็นข้อย่อยของถ้อยคำอื่น',
    help_en:
      'Sub-items such as i4.1; "alternative" empty = a sub-item of the question itself, a number = of that alternative wording.',
    columns: [
      col('question', 'รหัสข้อ', 'text', 'รหัสข้อคำถาม', 'question code', { required: true, width: 8 }),
      col(
        'alternative',
        'ถ้อยคำอื่นลำดับที่',
        'int',
        'ว่าง หรือเลขลำดับในแผ่นงาน "ถ้อยคำอื่น"',
        'empty, or the alternative no.',
        {
          width: 10,
        },
      ),
      col('code', 'รหัสข้อย่อย', 'text', 'เช่น i4.1', 'e.g. i4.1', { required: true, width: 8 }),
      col('text_th', 'ถ้อยคำ', 'text', 'ถ้อยคำภาษาไทย', 'wording in Thai', { required: true, width: 60 }),
      col('reverse_scored', 'ให้คะแนนกลับ', 'bool', 'TRUE หรือ FALSE', 'TRUE or FALSE', {
        required: true,
        width: 8,
      }),
    ],
  },
  {
    id: 'alternatives',
    name: 'ถ้อยคำอื่น',
    name_en: 'Other wordings',
    layout: 'table',
    required: false,
    help_th: 'ถ้อยคำอื่นที่พบของข้อคำถามเดียวกัน (ปีอื่น แหล่งอื่น) เลขลำดับนับใหม่ในแต่ละข้อ เริ่มที่ 1',
    help_en:
      'Other wordings seen for the same question (other year, other source); numbered from 1 per question.',
    columns: [
      col('question', 'รหัสข้อ', 'text', 'รหัสข้อคำถาม', 'question code', { required: true, width: 8 }),
      col('no', 'ลำดับที่', 'int', '1, 2, …', '1, 2, …', { required: true, width: 6 }),
      col('text_th', 'ถ้อยคำ', 'text', 'ถ้อยคำภาษาไทย', 'wording in Thai', { required: true, width: 60 }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'levels',
    name: 'ระดับผลการประเมิน',
    name_en: 'Levels',
    layout: 'table',
    required: true,
    help_th:
      'ระดับผลการประเมิน เรียงจากดีที่สุด ระดับแรกที่เข้าเงื่อนไขคือระดับของหน่วยงาน ช่วงคะแนนของระดับที่ใช้คะแนนรวมอย่างเดียวต้องต่อกันพอดีตั้งแต่ 0 ถึง 100 ไม่เว้นช่วงและไม่ซ้อนกัน',
    help_en:
      'Levels, best first; the first whose conditions hold is the level. The score ranges of the total-only levels must tile 0 to 100 with no gap and no overlap.',
    columns: [
      col('code', 'รหัสระดับ', 'text', 'เช่น AA หรือ excellent', 'e.g. AA or excellent', {
        required: true,
        width: 14,
      }),
      col('name_th', 'ชื่อระดับ', 'text', 'เช่น ผ่านดีเยี่ยม', 'e.g. ผ่านดีเยี่ยม', { required: true, width: 20 }),
      col('name_en', 'ชื่อภาษาอังกฤษ', 'text', 'ชื่อภาษาอังกฤษ', 'name in English', { required: true, width: 20 }),
      col('min_total', 'คะแนนรวมตั้งแต่', 'number', 'คะแนนรวมขั้นต่ำ', 'lowest total', {
        required: true,
        width: 10,
      }),
      col(
        'max_total',
        'คะแนนรวมถึง',
        'number',
        'คะแนนรวมสูงสุดของช่วง (ตรวจว่าช่วงต่อกันพอดี ไม่บังคับ)',
        'highest total of the range (checked for gaps and overlaps; optional)',
        { width: 10 },
      ),
      col(
        'min_each_instrument',
        'ทุกแบบวัดไม่ต่ำกว่า',
        'number',
        'เงื่อนไขรายแบบวัด (เฉพาะ scheme words)',
        'per-instrument condition (words scheme only)',
        { width: 10 },
      ),
      col(
        'confidence',
        'ความเชื่อมั่น',
        'text',
        'high / medium / low ว่างไว้ = medium',
        'high / medium / low; empty = medium',
        {
          provenance: true,
          width: 12,
        },
      ),
      col('note', 'หมายเหตุ', 'text', 'ไม่บังคับ', 'optional', { width: 30 }),
    ],
  },
  {
    id: 'scoring',
    name: 'เกณฑ์คะแนน',
    name_en: 'Scoring',
    layout: 'keyvalue',
    required: true,
    help_th:
      'รูปแบบระดับ (bands = ใช้คะแนนรวม, words = อาจมีเงื่อนไขรายแบบวัด) เกณฑ์ผ่าน และวิธีคำนวณคะแนนแบบวัดและคะแนนรวม ทศนิยม และค่าคลาดเคลื่อนจากการปัดเศษ',
    help_en:
      'The level scheme (bands = total only, words = may need every instrument), the pass threshold, and how instrument scores and the total are derived, the decimals and the rounding tolerance.',
    columns: [
      col('levels.scheme', 'รูปแบบระดับ', 'text', 'bands หรือ words', 'bands or words', { required: true }),
      col('levels.confidence', 'ความเชื่อมั่นของเกณฑ์ระดับ', 'text', 'high / medium / low', 'high / medium / low', {
        provenance: true,
      }),
      col('levels.source', 'แหล่งของเกณฑ์ระดับ', 'codes', 'รหัสแหล่งข้อมูล', 'source ids', { provenance: true }),
      col('levels.note', 'หมายเหตุเกณฑ์ระดับ', 'text', 'ไม่บังคับ', 'optional'),
      col('levels.pass_threshold.min_total', 'คะแนนรวมที่ถือว่าผ่าน', 'number', 'เช่น 85', 'e.g. 85', {
        required: true,
      }),
      col(
        'levels.pass_threshold.confidence',
        'ความเชื่อมั่นของเกณฑ์ผ่าน',
        'text',
        'high / medium / low',
        'high / medium / low',
        { provenance: true },
      ),
      col('levels.pass_threshold.source', 'แหล่งของเกณฑ์ผ่าน', 'codes', 'รหัสแหล่งข้อมูล', 'source ids', {
        provenance: true,
      }),
      col('levels.pass_threshold.note', 'หมายเหตุเกณฑ์ผ่าน', 'text', 'ไม่บังคับ', 'optional'),
      col(
        'scoring.instrument_score',
        'คะแนนแบบวัด',
        'text',
        'mean_of_indicators = ค่าเฉลี่ยของตัวชี้วัด (ว่างทั้งส่วน = ไม่คำนวณ)',
        'mean_of_indicators (leave the whole part empty: nothing is derived)',
      ),
      col(
        'scoring.total',
        'คะแนนรวม',
        'text',
        'weighted_instruments = ผลรวมคะแนนแบบวัดคูณน้ำหนัก',
        'weighted_instruments = Σ instrument × weight',
      ),
      col('scoring.decimals', 'ทศนิยม', 'int', 'เช่น 2', 'e.g. 2'),
      col('scoring.tolerance', 'ค่าคลาดเคลื่อนที่ยอมรับ', 'number', 'เช่น 0.01', 'e.g. 0.01'),
      col('scoring.confidence', 'ความเชื่อมั่นของวิธีคำนวณ', 'text', 'high / medium / low', 'high / medium / low', {
        provenance: true,
      }),
      col('scoring.source', 'แหล่งของวิธีคำนวณ', 'codes', 'รหัสแหล่งข้อมูล', 'source ids', { provenance: true }),
      col('scoring.note', 'หมายเหตุวิธีคำนวณ', 'text', 'ไม่บังคับ', 'optional'),
    ],
  },
  {
    id: 'groupings',
    name: 'การจัดกลุ่มประเด็น',
    name_en: 'Groupings',
    layout: 'table',
    required: false,
    help_th:
      'การจัดกลุ่มข้อคำถามเป็นประเด็น (เช่น 7 ประเด็น) หนึ่งแถวต่อหนึ่งกลุ่ม ช่องของการจัดกลุ่ม (รหัส ชื่อ ความเชื่อมั่น) กรอกในแถวแรกของการจัดกลุ่ม แถวต่อไปว่างไว้หรือกรอกให้ตรงกัน',
    help_en:
      'Groupings of questions into issues (e.g. 7 issues), one row per group; the grouping columns (code, names, provenance) on its first row, the next rows empty or the same.',
    columns: [
      col('grouping', 'รหัสการจัดกลุ่ม', 'text', 'เช่น issues-7', 'e.g. issues-7', { required: true, width: 12 }),
      col('grouping_name_th', 'ชื่อการจัดกลุ่ม', 'text', 'ชื่อภาษาไทย', 'name in Thai', { width: 24 }),
      col('grouping_name_en', 'ชื่อการจัดกลุ่ม (อังกฤษ)', 'text', 'ชื่อภาษาอังกฤษ', 'name in English', {
        width: 20,
      }),
      col('no', 'กลุ่มที่', 'int', '1, 2, …', '1, 2, …', { required: true, width: 6 }),
      col('name_th', 'ชื่อกลุ่ม', 'text', 'ชื่อภาษาไทย', 'name in Thai', { required: true, width: 30 }),
      col('name_en', 'ชื่อกลุ่ม (อังกฤษ)', 'text', 'ชื่อภาษาอังกฤษ', 'name in English', {
        required: true,
        width: 24,
      }),
      col('questions', 'รหัสข้อในกลุ่ม', 'codes', 'เช่น i1, i2, o4', 'e.g. i1, i2, o4', {
        required: true,
        width: 30,
      }),
      col(
        'corrections',
        'รหัสที่แก้ไข',
        'lines',
        'บรรทัดละรายการ "รหัส: ตามที่พบ" เช่น o19: o14 (OCR)',
        'one per line, "code: as found", e.g. o19: o14 (OCR)',
        { width: 20 },
      ),
      col('note', 'หมายเหตุกลุ่ม', 'text', 'ไม่บังคับ', 'optional', { width: 20 }),
      ...provenanceColumns('grouping_'),
    ],
  },
  {
    id: 'groupingRefs',
    name: 'ใช้การจัดกลุ่มของปีอื่น',
    name_en: 'Grouping refs',
    layout: 'table',
    required: false,
    help_th: 'ใช้การจัดกลุ่มที่กำหนดไว้ในกรอบการประเมินปีอื่น (ได้เมื่อรหัสข้อทุกข้อของการจัดกลุ่มนั้นมีในปีนี้)',
    help_en: 'Reuse a grouping defined in another edition (only when every question code of it exists here).',
    columns: [
      col('fiscal_year', 'ปีงบประมาณ', 'int', 'ปีที่กำหนดการจัดกลุ่ม', 'year that defines it', { required: true }),
      col('code', 'รหัสการจัดกลุ่ม', 'text', 'เช่น issues-7', 'e.g. issues-7', { required: true }),
      col(
        'confidence',
        'ความเชื่อมั่น',
        'text',
        'high / medium / low ว่างไว้ = medium',
        'high / medium / low; empty = medium',
        {
          provenance: true,
        },
      ),
      col('note', 'หมายเหตุ', 'text', 'ไม่บังคับ', 'optional', { width: 30 }),
    ],
  },
  {
    id: 'mappings',
    name: 'เทียบข้อกับปีก่อน',
    name_en: 'Mapping from previous',
    layout: 'table',
    required: false,
    help_th: 'ข้อของปีนี้ตรงกับข้อใดของปีก่อน (เพื่อเทียบคะแนนปีต่อปีเมื่อ ป.ป.ช. เปลี่ยนเลขข้อ) ใส่ - เมื่อเป็นข้อใหม่ที่ไม่มีข้อเทียบ',
    help_en:
      'Which question of an earlier edition each question of this one continues (year-over-year after renumbering); "-" for a new question with no counterpart.',
    columns: [
      col('from_fiscal_year', 'เทียบกับปี', 'int', 'ปีงบประมาณก่อนหน้า', 'the earlier fiscal year', {
        required: true,
      }),
      col('code', 'รหัสข้อปีนี้', 'text', 'รหัสข้อในกรอบนี้', 'code in this edition', { required: true, width: 10 }),
      col('from_code', 'รหัสข้อปีก่อน', 'text', 'รหัสข้อของปีก่อน หรือ -', 'code in the earlier edition, or -', {
        required: true,
        width: 10,
      }),
      ...provenanceColumns(),
      col(
        'mapping_note',
        'หมายเหตุการเทียบ',
        'text',
        'หมายเหตุของการเทียบทั้งชุด (ไม่บังคับ)',
        'note on the whole mapping',
        {
          width: 24,
        },
      ),
    ],
  },
  {
    id: 'requiredParts',
    name: 'ส่วนที่เอกสารต้องมี',
    name_en: 'Required parts',
    layout: 'table',
    required: false,
    help_th:
      'ส่วนที่เอกสารมาตรการ (measures) และรายงานการติดตาม (follow_up) ต้องมี และข้อ OIT ที่เกี่ยวข้อง ประเภทละหนึ่งแถว',
    help_en:
      'Parts the measures document (measures) and the follow-up report (follow_up) must contain; one row each.',
    columns: [
      col('document', 'เอกสาร', 'text', 'measures หรือ follow_up', 'measures or follow_up', {
        required: true,
      }),
      col('questions', 'ข้อ OIT', 'codes', 'เช่น o42', 'e.g. o42', { required: true }),
      col('parts', 'ส่วนที่ต้องมี', 'lines', 'บรรทัดละส่วน', 'one per line', { required: true, width: 50 }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'answerScales',
    name: 'มาตราคำตอบ',
    name_en: 'Answer scales',
    layout: 'table',
    required: false,
    help_th: 'ตัวเลือกคำตอบและคะแนนของแต่ละรูปแบบคำตอบ (จำนวนคะแนนเท่ากับจำนวนตัวเลือก)',
    help_en: 'Options and scores of each answer type (as many scores as options).',
    columns: [
      col(
        'answer_type',
        'รูปแบบคำตอบ',
        'text',
        'likert4, yes_no หรือ disclosure',
        'likert4, yes_no or disclosure',
        {
          required: true,
        },
      ),
      col('options_th', 'ตัวเลือก', 'lines', 'บรรทัดละตัวเลือก', 'one per line', { required: true, width: 30 }),
      col(
        'scores',
        'คะแนน',
        'numbers',
        'คะแนนของตัวเลือกตามลำดับ คั่นด้วยจุลภาค',
        'scores in order, comma separated',
        {
          required: true,
        },
      ),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'calendar',
    name: 'ปฏิทิน',
    name_en: 'Calendar',
    layout: 'table',
    required: false,
    help_th: 'กำหนดการประเมิน วันที่แบบ ค.ศ. YYYY-MM-DD',
    help_en: 'Assessment dates, Gregorian YYYY-MM-DD.',
    columns: [
      col('code', 'รหัส', 'text', 'เช่น oit-entry', 'e.g. oit-entry', { required: true, width: 16 }),
      col('name_en', 'ชื่อ (อังกฤษ)', 'text', 'ชื่อกิจกรรม', 'name', { required: true, width: 30 }),
      col('start', 'วันเริ่ม', 'date', 'YYYY-MM-DD หรือว่าง', 'YYYY-MM-DD or empty', { width: 12 }),
      col('end', 'วันสิ้นสุด', 'date', 'YYYY-MM-DD', 'YYYY-MM-DD', { required: true, width: 12 }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'facts',
    name: 'ข้อเท็จจริง',
    name_en: 'Facts',
    layout: 'table',
    required: false,
    help_th: 'ตัวเลขระดับประเทศ เช่น จำนวนหน่วยงานที่ประเมิน',
    help_en: 'National figures, e.g. the number of agencies assessed.',
    columns: [
      col('code', 'รหัส', 'text', 'เช่น agencies-assessed', 'e.g. agencies-assessed', {
        required: true,
        width: 20,
      }),
      col('label_en', 'คำอธิบาย (อังกฤษ)', 'text', 'ข้อเท็จจริงนี้คืออะไร', 'what it is', {
        required: true,
        width: 30,
      }),
      col('value', 'ค่า', 'value', 'ตัวเลขหรือข้อความ', 'number or text', { required: true, width: 12 }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'examples',
    name: 'ผลของหน่วยงานจริง',
    name_en: 'Example results',
    layout: 'table',
    required: false,
    help_th: 'ผลที่เผยแพร่ของหน่วยงานจริง ใช้ตรวจเกณฑ์ระดับ',
    help_en: 'Published results of real agencies, checked against the levels.',
    columns: [
      col('agency_th', 'หน่วยงาน', 'text', 'ชื่อหน่วยงาน', 'agency name', { required: true, width: 30 }),
      col('total', 'คะแนนรวม', 'number', 'คะแนนรวม', 'total', { required: true, width: 10 }),
      col('level_code', 'รหัสระดับ', 'text', 'รหัสระดับในแผ่นงานระดับ', 'a level code', {
        required: true,
        width: 14,
      }),
      ...provenanceColumns(),
    ],
  },
  {
    id: 'sources',
    name: 'แหล่งข้อมูล',
    name_en: 'Sources',
    layout: 'table',
    required: false,
    help_th: `แหล่งข้อมูลที่แผ่นงานอื่นอ้างถึงด้วยรหัส แถวที่ไม่ระบุแหล่งข้อมูลจะอ้างถึง ${DEFAULT_SOURCE_ID} ซึ่งระบบเพิ่มให้เอง`,
    help_en: `The sources other sheets cite by id; rows that cite none cite ${DEFAULT_SOURCE_ID}, added automatically.`,
    columns: [
      col('id', 'รหัสแหล่งข้อมูล', 'text', 'ตัวอักษร ตัวเลข และขีด', 'letters, digits, dashes', {
        required: true,
        width: 18,
      }),
      col('title', 'ชื่อแหล่งข้อมูล', 'text', 'ชื่อเอกสารหรือเว็บไซต์', 'title', { required: true, width: 40 }),
      col('url', 'URL', 'text', 'http(s) หรือว่าง', 'http(s) or empty', { width: 30 }),
      col('locator', 'ตำแหน่งในแหล่ง', 'text', 'ไม่บังคับ', 'optional', { width: 16 }),
      col(
        'reliability',
        'ความน่าเชื่อถือ',
        'text',
        'high / medium / low ว่างไว้ = medium',
        'high / medium / low; empty = medium',
        {
          provenance: true,
          width: 12,
        },
      ),
      col('reliability_note', 'หมายเหตุความน่าเชื่อถือ', 'text', 'ไม่บังคับ', 'optional', { width: 24 }),
      col('used_for', 'ใช้สำหรับ', 'text', 'ไม่บังคับ', 'optional', { width: 24 }),
    ],
  },
];

export const sheetSpec = (id: SheetId): SheetSpec => SHEETS.find((s) => s.id === id)!;

/** Column letter of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let out = '';
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    x = Math.floor((x - 1) / 26);
  }
  return out;
}

/** Key/value sheets: the columns of the sheet itself (the fields are rows). */
export const KEYVALUE_COLUMNS = [
  { key: 'field', th: 'หัวข้อ', width: 32 },
  { key: 'key', th: 'รหัสช่อง', width: 34 },
  { key: 'value', th: 'ค่า', width: 60 },
  { key: 'help', th: 'คำอธิบาย / help', width: 60 },
] as const;
