import type { ImportIssue } from './interpret-rows.ts';

/** Issues listed one by one in a preview or a refusal; the rest are counted by kind. */
export const LISTED_ISSUES = 200;
/** Kinds of the issues not listed that are summarised one by one; the rest are one count. */
const SUMMARISED_KINDS = 20;

/** Issues of one kind that were not listed: how many, and the first of them as an example. */
export type OmittedIssues = { kind: string; count: number; example: ImportIssue };

/**
 * The kind of an issue: its English message without the numbers and quoted values that tell one row
 * from another ("code i1 of organisation X is given twice: rows 5 and 9" → one kind per wording).
 */
export function issueKind(issue: ImportIssue): string {
  return issue.message_en
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b(code|organisation|organization|column|cell|cells|sheet)\s+\S+/gi, '$1 …')
    .replace(/\d+(\.\d+)?/g, '#');
}

/**
 * Collects issues with bounded memory: the first `listed` are kept whole, the rest are counted by
 * kind. A hostile file can raise an issue per row or per cell (499,999 "given twice" errors made a
 * 132 MB answer); this keeps what is reported, and what is held while reading, small.
 */
export class IssueCollector {
  readonly listed: ImportIssue[] = [];
  private readonly omitted = new Map<string, OmittedIssues>();
  total = 0;

  constructor(private readonly limit = LISTED_ISSUES) {}

  /** Adds an issue; true when it is listed, false when it is only counted. */
  add(issue: ImportIssue): boolean {
    this.total++;
    if (this.listed.length < this.limit) {
      this.listed.push(issue);
      return true;
    }
    const kind = issueKind(issue);
    const seen = this.omitted.get(kind);
    if (seen) seen.count++;
    else this.omitted.set(kind, { kind, count: 1, example: issue });
    return false;
  }

  addAll(issues: readonly ImportIssue[], omitted: readonly OmittedIssues[] = []) {
    for (const issue of issues) this.add(issue);
    for (const o of omitted) {
      this.total += o.count;
      const seen = this.omitted.get(o.kind);
      if (seen) seen.count += o.count;
      else this.omitted.set(o.kind, { ...o });
    }
  }

  omittedKinds(): OmittedIssues[] {
    return [...this.omitted.values()];
  }

  /** The listed issues, then one line per kind not listed ("and 12,345 more like …"). */
  report(): ImportIssue[] {
    const kinds = [...this.omitted.values()].sort((a, b) => b.count - a.count);
    const lines = kinds.slice(0, SUMMARISED_KINDS).map(
      ({ count, example }): ImportIssue => ({
        row: 0,
        column: '',
        message_th: `และอีก ${count.toLocaleString('en-US')} รายการที่มีปัญหาแบบเดียวกับ: ${example.message_th} (แถว ${example.row})`,
        message_en: `and ${count.toLocaleString('en-US')} more like: ${example.message_en} (row ${example.row})`,
      }),
    );
    const rest = kinds.slice(SUMMARISED_KINDS).reduce((n, k) => n + k.count, 0);
    if (rest > 0) {
      lines.push({
        row: 0,
        column: '',
        message_th: `และอีก ${rest.toLocaleString('en-US')} รายการที่มีปัญหาแบบอื่น`,
        message_en: `and ${rest.toLocaleString('en-US')} more of other kinds`,
      });
    }
    return [...this.listed, ...lines];
  }
}
