import { useQueries } from '@tanstack/react-query';
import type { ScoreScope } from '#shared/assessments/scores.ts';
import type { EditionLevel } from '#shared/catalogue/edition.schema.ts';
import { fiscalYearOf } from '#shared/format/thai.ts';
import { api, type EditionSummaryRow, type OrganizationRow, queryKeys } from '../../api.ts';
import { useFormat } from '../../format.ts';
import type { Lang } from '../../i18n/index.ts';
import { orgName } from '../organizations/names.ts';
import { buildTree, visibleRows } from '../organizations/tree.ts';

/** Scores are always shown with two decimals; a missing score is a dash. */
export function useScoreText() {
  const format = useFormat();
  return (value: number | null | undefined) =>
    value === null || value === undefined ? '—' : format.number(value, 2);
}

export { type ParsedScore, parseScoreInput } from './score-input.ts';

/** Every organisation the user reads, indented in tree order, for a Select. */
export function organizationOptions(organizations: readonly OrganizationRow[], lang: Lang) {
  return visibleRows(buildTree(organizations), new Set()).map(({ org, level }) => ({
    value: org.id,
    label: `${'\u2003'.repeat(level)}${orgName(org, lang)}`,
  }));
}

/** Fiscal years that have an edition, newest first. */
export function editionYears(editions: readonly EditionSummaryRow[]): number[] {
  return [...new Set(editions.map((e) => e.fiscalYear))].sort((a, b) => b - a);
}

/** The year to show first: this fiscal year when an edition exists for it, otherwise the latest one. */
export function defaultFiscalYear(editions: readonly EditionSummaryRow[]): number {
  const years = editionYears(editions);
  const now = fiscalYearOf(new Date());
  return years.includes(now) ? now : (years.find((y) => y <= now) ?? years[0] ?? now);
}

/** The fiscal year asked for (`?year=`) when an edition exists for it, otherwise the default one. */
export function chosenFiscalYear(editions: readonly EditionSummaryRow[], requested: string | null): number {
  const year = Number(requested);
  return editionYears(editions).includes(year) ? year : defaultFiscalYear(editions);
}

/** The edition a result of this fiscal year follows by default: its own year, else the latest before it. */
export function defaultEditionYear(editions: readonly EditionSummaryRow[], fiscalYear: number): number {
  const years = editionYears(editions);
  return years.includes(fiscalYear)
    ? fiscalYear
    : (years.find((y) => y < fiscalYear) ?? years[0] ?? fiscalYear);
}

/** Question and item codes as NACC prints them: OIT items upper-case (O14), others as stored (i7, e11). */
export function printedCode(scope: ScoreScope | string, code: string): string {
  return scope === 'question' && code.startsWith('o') ? code.toUpperCase() : code;
}

const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** The stated level names another level than the one computed (compared with its code and both names). */
export function levelMismatch(stated: string | null, computed: EditionLevel | undefined): boolean {
  if (!stated || !computed) return false;
  const s = squash(stated);
  return s !== squash(computed.code) && s !== squash(computed.name_th) && s !== squash(computed.name_en);
}

/** The levels of the editions the given years follow, once their editions are loaded. */
export function useEditionLevels(years: readonly number[]) {
  const distinct = [...new Set(years)].sort();
  const queries = useQueries({
    queries: distinct.map((year) => ({
      queryKey: queryKeys.edition(year),
      queryFn: () => api.catalogue.edition(year),
      staleTime: 5 * 60_000,
    })),
  });
  const byYear = new Map<number, EditionLevel[]>();
  distinct.forEach((year, index) => {
    const data = queries[index]?.data;
    if (data) byYear.set(year, data.edition.levels.levels);
  });
  return (year: number, code: string | null): EditionLevel | undefined =>
    code === null ? undefined : byYear.get(year)?.find((l) => l.code === code);
}

export function levelName(level: EditionLevel | undefined, fallback: string | null, lang: Lang): string {
  if (!level) return fallback ?? '—';
  return lang === 'en' ? level.name_en : level.name_th;
}
