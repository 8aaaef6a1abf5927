import { DOCUMENT_KIND_LABELS } from '#shared/documents/contract.ts';

/**
 * The names a document's files get when downloaded (API, public pages) or written by the command line:
 * meaningful in Thai (`แผนมาตรการ-2570-จังหวัดตัวอย่าง-v3.pdf`) and under 200 bytes in UTF-8, since
 * Linux and macOS refuse names over 255 bytes (ENAMETOOLONG) and a browser or an archive tool adds
 * " (1)" and folders. The organisation's name is cut at a Thai word boundary when it does not fit;
 * an ASCII name (the organisation's code) goes with it for clients that cannot read `filename*`.
 */
export const FILE_NAME_MAX_BYTES = 199;

export type FileNameInput = {
  /** The document kind (analysis, plan, round, memo, circular, …) or the publication kind. */
  kind: string;
  /** What the document is about, when a kind can be about several (a memo about a plan or a round). */
  subjectType?: string | null;
  fiscalYear: number;
  /** A round's key (6m, 12m, monthly-2569-03), for documents about a round. */
  roundKey?: string | null;
  /** The organisation's short Thai name when it has one, else its name. */
  orgName: string;
  /** The organisation's code: the ASCII name is made from it. */
  orgCode: string;
  versionNo?: number | null;
  /** The extension without the dot: pdf, docx, xlsx. */
  format: string;
};

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
const bytesOf = (text: string) => Buffer.byteLength(text, 'utf8');

/** A round's key as the public addresses write it: 6m, 12m, or the kind with the BE year and month it ends. */
export function roundKeyOf(round: { kind: string; periodEnd: string }): string {
  if (round.kind === '6m' || round.kind === '12m') return round.kind;
  return `${round.kind}-${Number(round.periodEnd.slice(0, 4)) + 543}-${round.periodEnd.slice(5, 7)}`;
}

function roundWords(key: string): string {
  if (key === '6m') return 'รอบ6เดือน';
  if (key === '12m') return 'รอบ12เดือน';
  const [kind, ...rest] = key.split('-');
  const when = rest.join('-');
  if (kind === 'monthly') return `รายเดือน-${when}`;
  return when ? `รอบ-${when}` : 'รอบ';
}

/** What the document is, in a few Thai words (no spaces), and the same in ASCII. */
function label(input: FileNameInput): { th: string; en: string } {
  const round = input.roundKey ? roundWords(input.roundKey) : null;
  const aboutRound = input.subjectType === 'round' || input.kind === 'round-memo' || input.kind === 'round';
  const roundTh = round ? `-${round}` : '';
  const roundEn = input.roundKey ? `-${input.roundKey}` : '';
  switch (input.kind) {
    case 'analysis':
      return { th: 'รายงานวิเคราะห์ผล-ITA', en: 'ita-analysis' };
    case 'plan':
      return { th: 'แผนมาตรการ', en: 'plan' };
    case 'round':
      return { th: `รายงานผลตามมาตรการ${roundTh}`, en: `round-report${roundEn}` };
    case 'memo':
    case 'round-memo':
      return aboutRound
        ? { th: `บันทึกรายงานผล${roundTh}`, en: `round-memo${roundEn}` }
        : { th: 'บันทึกขออนุมัติแผนมาตรการ', en: 'plan-memo' };
    case 'circular':
      return aboutRound
        ? { th: `หนังสือแจ้งเวียนผล${roundTh}`, en: `round-circular${roundEn}` }
        : { th: 'หนังสือแจ้งเวียนแผนมาตรการ', en: 'plan-circular' };
    case 'circular-letter':
      return aboutRound
        ? { th: `หนังสือภายนอกแจ้งเวียนผล${roundTh}`, en: `round-circular-letter${roundEn}` }
        : { th: 'หนังสือภายนอกแจ้งเวียนแผนมาตรการ', en: 'plan-circular-letter' };
    case 'publication-form':
      return aboutRound
        ? { th: `แบบขอเผยแพร่ข้อมูล-รายงานผล${roundTh}`, en: `publication-form-round${roundEn}` }
        : { th: 'แบบขอเผยแพร่ข้อมูล-แผนมาตรการ', en: 'publication-form-plan' };
    default: {
      const known = (DOCUMENT_KIND_LABELS as Record<string, { th: string; en: string } | undefined>)[
        input.kind
      ];
      // A kind added later: its label without what is in brackets, at most 60 bytes.
      const words = known ? cutToBytes(cleanThai(known.th.replace(/\s*\(.*$/, '')), 60) : input.kind;
      return { th: `${words}${roundTh}`, en: `${input.kind}${roundEn}` };
    }
  }
}

/** Without the characters file systems refuse, spaces as hyphens. */
function cleanThai(text: string): string {
  return text
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '');
}

const cleanAscii = (text: string) =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|-+$/g, '');

/** The longest start of `text` that fits in `budget` bytes, ending at a word (else a grapheme) boundary. */
export function cutToBytes(text: string, budget: number): string {
  if (bytesOf(text) <= budget) return text;
  let kept = '';
  for (const { segment } of words.segment(text)) {
    if (bytesOf(kept + segment) > budget) break;
    kept += segment;
  }
  if (kept === '') {
    for (const { segment } of graphemes.segment(text)) {
      if (bytesOf(kept + segment) > budget) break;
      kept += segment;
    }
  }
  return kept.replace(/[-\s]+$/u, '');
}

/** The Thai file name and its ASCII fallback, both at most FILE_NAME_MAX_BYTES bytes in UTF-8. */
export function documentFileName(input: FileNameInput): { name: string; ascii: string } {
  const { th, en } = label(input);
  const version = input.versionNo ? `-v${input.versionNo}` : '';
  const ext = `.${cleanAscii(input.format) || 'bin'}`;
  const head = `${th}-${input.fiscalYear}-`;
  const tail = `${version}${ext}`;
  const budget = FILE_NAME_MAX_BYTES - bytesOf(head) - bytesOf(tail);
  const org = cutToBytes(cleanThai(input.orgName), Math.max(0, budget));
  const name = org ? `${head}${org}${tail}` : `${th}-${input.fiscalYear}${tail}`;
  const asciiHead = cleanAscii(`${en}-${input.fiscalYear}-${input.orgCode}`);
  const ascii = `${asciiHead.slice(0, FILE_NAME_MAX_BYTES - tail.length)}${tail}`;
  return { name, ascii };
}

/**
 * A Content-Disposition header with both names: `filename=` in ASCII for old clients and the Thai
 * name as RFC 5987 `filename*=UTF-8''…`.
 */
export function fileDisposition(
  names: { name: string; ascii: string },
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const encoded = encodeURIComponent(names.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const fallback = names.ascii.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
