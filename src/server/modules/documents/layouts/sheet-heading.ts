import { fiscalYearPhrase, statesFiscalYear } from './fiscal-year.ts';

/**
 * The heading lines above a sheet's table: the title, then the organisation and the fiscal year, each
 * only when the title does not state it already (a plan's title usually names both), so neither is
 * said twice.
 */
export function sheetHeading(title: string, org: string, year: number): string[] {
  const rest = [
    title.includes(org) ? '' : org,
    statesFiscalYear(title, year) ? '' : fiscalYearPhrase(year),
  ].filter((part) => part !== '');
  return rest.length > 0 ? [title, rest.join(' ')] : [title];
}
