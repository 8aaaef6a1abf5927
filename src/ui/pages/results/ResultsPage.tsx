import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type EditionSummaryRow,
  type OrganizationRow,
  queryKeys,
  type ResultSummaryRow,
} from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate, useSearchParams } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { buildTree } from '../organizations/tree.ts';
import { AnalysesModal } from './AnalysesModal.tsx';
import { defaultFiscalYear, editionYears, organizationOptions } from './common.ts';
import { ProvinceView } from './ProvinceView.tsx';
import { resultPaths } from './paths.ts';
import { useResultWriter } from './permissions.ts';
import { ResultsTable } from './ResultsTable.tsx';

/** Results of an organisation (and those below it) for a fiscal year, with entry, import and analyses. */
export function ResultsPage() {
  const { t } = useTranslation();
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const editions = useQuery({ queryKey: queryKeys.editions, queryFn: api.catalogue.editions });
  return (
    <Stack>
      <Title order={2}>{t('results.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('results.intro')}
      </Text>
      <QueryState query={organizations}>
        {(orgs) => (
          <QueryState query={editions}>
            {(eds) =>
              orgs.length === 0 ? (
                <Text>{t('organizations.empty')}</Text>
              ) : (
                <ResultsView organizations={orgs} editions={eds} />
              )
            }
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

function ResultsView({
  organizations,
  editions,
}: {
  organizations: OrganizationRow[];
  editions: EditionSummaryRow[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const params = useSearchParams();
  const canWrite = useResultWriter(organizations);
  const tree = buildTree(organizations);
  const [analysesOf, setAnalysesOf] = useState<ResultSummaryRow | null>(null);

  const requestedOrg = params.get('org');
  const org =
    organizations.find((o) => o.id === requestedOrg) ??
    tree.roots.find((o) => canWrite(o.id)) ??
    tree.roots[0] ??
    organizations[0]!;
  const years = editionYears(editions);
  const requestedYear = Number(params.get('year'));
  const fiscalYear = years.includes(requestedYear) ? requestedYear : defaultFiscalYear(editions);
  const choose = (next: { organizationId?: string; fiscalYear?: number }) =>
    navigate(resultPaths.list({ organizationId: org.id, fiscalYear, ...next }), { replace: true });

  const results = useQuery({
    queryKey: queryKeys.results({ organizationId: org.id, fiscalYear }),
    queryFn: () => api.assessments.list({ organizationId: org.id, fiscalYear }),
  });
  const writer = canWrite(org.id);
  const isParent = tree.childrenOf.has(org.id);
  const name = orgName(org, lang);

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
        <Select
          label={t('results.organization')}
          data={organizationOptions(organizations, lang)}
          value={org.id}
          onChange={(value) => value && choose({ organizationId: value })}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Select
          label={t('results.fiscalYear')}
          data={years.map((y) => ({ value: String(y), label: t('results.yearOption', { year: y }) }))}
          value={String(fiscalYear)}
          onChange={(value) => value && choose({ fiscalYear: Number(value) })}
          allowDeselect={false}
        />
      </SimpleGrid>

      <QueryState query={results}>
        {(rows) => {
          const own = rows.find((r) => r.organizationId === org.id);
          return (
            <Stack>
              {writer && (
                <Group gap="sm">
                  <Button component={Link} to={resultPaths.entry(org.id, fiscalYear)}>
                    {own ? t('results.editOwn') : t('results.enterOwn')}
                  </Button>
                  <Button component={Link} to={resultPaths.import(org.id, fiscalYear)} variant="light">
                    {t('results.import')}
                  </Button>
                </Group>
              )}
              {!own && (
                <Alert color="gray" variant="light">
                  {t('results.noneFor', { name, year: fiscalYear })}
                </Alert>
              )}
              {rows.length > 0 && (
                <ResultsTable
                  rows={rows}
                  organizations={organizations}
                  canWrite={canWrite}
                  onAnalyses={setAnalysesOf}
                />
              )}
            </Stack>
          );
        }}
      </QueryState>

      {isParent && <ProvinceView organization={org} organizations={organizations} fiscalYear={fiscalYear} />}

      {analysesOf && (
        <AnalysesModal
          result={analysesOf}
          organizations={organizations}
          canWrite={canWrite(analysesOf.organizationId)}
          onClose={() => setAnalysesOf(null)}
        />
      )}
    </Stack>
  );
}
