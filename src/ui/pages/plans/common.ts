import { useMemo } from 'react';
import type { Role } from '#shared/auth/roles.ts';
import { ENGLISH_MONTHS, THAI_MONTHS_SHORT } from '#shared/format/be-date.ts';
import { fiscalYearOf } from '#shared/format/thai.ts';
import type { BeMonth, PlanStatus } from '#shared/plans/contract.ts';
import { fiscalYearRange, formatBeMonth, monthIndex, parseMonth } from '#shared/plans/months.ts';
import type { EditionSummaryRow, OrganizationRow } from '../../api.ts';
import type { Lang } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';

/** Addresses of the plans pages, so that links and redirects agree. */
export const planPaths = {
  list: (
    filters: {
      organizationId?: string | undefined;
      fiscalYear?: number | undefined;
      /** Opens "create plan" with this analysis chosen. */
      fromAnalysis?: string | undefined;
    } = {},
  ) => {
    const params = new URLSearchParams();
    if (filters.organizationId) params.set('org', filters.organizationId);
    if (filters.fiscalYear) params.set('year', String(filters.fiscalYear));
    if (filters.fromAnalysis) params.set('from', filters.fromAnalysis);
    const query = params.toString();
    return query ? `/plans?${query}` : '/plans';
  },
  plan: (id: string) => `/plans/${id}`,
  tasks: '/tasks',
};

export const STATUS_COLORS: Record<PlanStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
  circulated: 'teal',
  superseded: 'dark',
};

export const EDITABLE_STATUSES: readonly PlanStatus[] = ['draft', 'returned'];

/**
 * Whether the signed-in user holds one of the roles on an organisation or one of its ancestors (the
 * server checks every request again: this only hides what would be refused).
 */
export function useRoleOn(organizations: readonly OrganizationRow[]) {
  const { user } = useSession();
  return useMemo(() => {
    const byId = new Map(organizations.map((o) => [o.id, o]));
    return (roles: readonly Role[], organizationId: string | null | undefined): boolean => {
      if (!organizationId) return false;
      const grants = user.roles.filter((r) => roles.includes(r.role));
      if (grants.some((r) => r.organizationId === null)) return true;
      const ids = new Set(grants.map((r) => r.organizationId));
      let current = byId.get(organizationId);
      if (!current) return ids.has(organizationId);
      while (current) {
        if (ids.has(current.id)) return true;
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
      return false;
    };
  }, [organizations, user.roles]);
}

/** Fiscal years a plan can be made for: each edition's year and the year after, and this year. */
export function planYears(editions: readonly EditionSummaryRow[]): number[] {
  const years = new Set<number>([fiscalYearOf(new Date())]);
  for (const e of editions) {
    years.add(e.fiscalYear);
    years.add(e.fiscalYear + 1);
  }
  return [...years].sort((a, b) => b - a);
}

/** A fresh id for an issue, point, measure or step (also outside a secure context). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The list with the item at `from` moved to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** `ต.ค. 2566` in Thai (the full Buddhist-era year), `Oct 2566 BE` in English. */
export function monthLabel(m: BeMonth, lang: Lang): string {
  const { year, month } = parseMonth(m);
  // English months carry the BE year too: a Thai agency reads BE in both languages.
  return lang === 'en'
    ? `${ENGLISH_MONTHS[month - 1]!.slice(0, 3)} ${year} BE`
    : `${THAI_MONTHS_SHORT[month - 1]} ${year}`;
}

/** Months to choose from: the fiscal year, the year before and the year after (October to September). */
export function monthOptions(fiscalYear: number, lang: Lang) {
  const first = monthIndex(fiscalYearRange(fiscalYear - 1).start);
  return Array.from({ length: 36 }, (_, i) => {
    const index = first + i;
    const value = formatBeMonth(Math.floor(index / 12), (index % 12) + 1);
    return { value, label: monthLabel(value, lang) };
  });
}

export function outsideFiscalYear(t: { start: BeMonth; end: BeMonth }, fiscalYear: number): boolean {
  const range = fiscalYearRange(fiscalYear);
  return monthIndex(t.start) < monthIndex(range.start) || monthIndex(t.end) > monthIndex(range.end);
}
