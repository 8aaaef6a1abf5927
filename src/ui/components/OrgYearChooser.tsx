import { Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EditionSummaryRow, type OrganizationRow, queryKeys } from '../api.ts';
import { useLang } from '../i18n/index.ts';
import { buildTree } from '../pages/organizations/tree.ts';
import { organizationOptions } from '../pages/results/common.ts';
import { QueryState } from './QueryState.tsx';

/** The pages that choose an organisation and a fiscal year; their labels are under this i18n key. */
export type OrgYearScope = 'plans' | 'results' | 'oit';

/** What the body of such a page is given: the user's organisations (never empty) and the editions. */
export type OrgYearViewProps = { organizations: OrganizationRow[]; editions: EditionSummaryRow[] };

/**
 * The frame of such a page: its title and intro (`<scope>.title`, `<scope>.intro`), then, once the
 * user's organisations and the catalogue's editions are loaded, its `view`.
 */
export function OrgYearPage({
  scope,
  noEditions,
  view: View,
}: {
  scope: OrgYearScope;
  /** Shown instead of the view when no edition exists yet; without it the view renders with none. */
  noEditions?: string;
  view: ComponentType<OrgYearViewProps>;
}) {
  const { t } = useTranslation();
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const editions = useQuery({ queryKey: queryKeys.editions, queryFn: api.catalogue.editions });
  return (
    <Stack>
      <Title order={2}>{t(`${scope}.title`)}</Title>
      <Text c="dimmed" size="sm">
        {t(`${scope}.intro`)}
      </Text>
      <QueryState query={organizations}>
        {(orgs) => (
          <QueryState query={editions}>
            {(eds) =>
              orgs.length === 0 ? (
                <Text>{t('organizations.empty')}</Text>
              ) : noEditions !== undefined && eds.length === 0 ? (
                <Text>{noEditions}</Text>
              ) : (
                <View organizations={orgs} editions={eds} />
              )
            }
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

/**
 * The organisation a page shows: the one asked for (`?org=`), else the first top-level organisation
 * the user may work on, else the first top-level one. `organizations` must not be empty.
 */
export function chosenOrganization(
  organizations: readonly OrganizationRow[],
  requestedId: string | null,
  canWorkOn: (organizationId: string) => boolean = () => false,
): OrganizationRow {
  const tree = buildTree(organizations);
  return (
    organizations.find((o) => o.id === requestedId) ??
    tree.roots.find((o) => canWorkOn(o.id)) ??
    tree.roots[0] ??
    organizations[0]!
  );
}

/** The fiscal year is one year, or, with `allYears` (the label of that choice), may also be every year. */
type YearChoice =
  | { fiscalYear: number; onFiscalYear: (year: number) => void; allYears?: undefined }
  | { fiscalYear: number | undefined; onFiscalYear: (year: number | undefined) => void; allYears: string };

const ALL = 'all';

/**
 * The organisation and fiscal-year selects at the top of the plans, results and OIT pages. The labels
 * are the page's own (`<scope>.organization`, `<scope>.fiscalYear`, `<scope>.yearOption`).
 */
export function OrgYearChooser({
  scope,
  organizations,
  organizationId,
  onOrganization,
  years,
  ...year
}: {
  scope: OrgYearScope;
  organizations: readonly OrganizationRow[];
  organizationId: string;
  onOrganization: (organizationId: string) => void;
  years: readonly number[];
} & YearChoice) {
  const { t } = useTranslation();
  const lang = useLang();
  const yearOptions = years.map((y) => ({ value: String(y), label: t(`${scope}.yearOption`, { year: y }) }));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
      <Select
        label={t(`${scope}.organization`)}
        data={organizationOptions(organizations, lang)}
        value={organizationId}
        onChange={(value) => value && onOrganization(value)}
        allowDeselect={false}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
      />
      {year.allYears !== undefined ? (
        <Select
          label={t(`${scope}.fiscalYear`)}
          data={[{ value: ALL, label: year.allYears }, ...yearOptions]}
          value={year.fiscalYear ? String(year.fiscalYear) : ALL}
          onChange={(value) => year.onFiscalYear(value && value !== ALL ? Number(value) : undefined)}
          allowDeselect={false}
        />
      ) : (
        <Select
          label={t(`${scope}.fiscalYear`)}
          data={yearOptions}
          value={String(year.fiscalYear)}
          onChange={(value) => value && year.onFiscalYear(Number(value))}
          allowDeselect={false}
        />
      )}
    </SimpleGrid>
  );
}
