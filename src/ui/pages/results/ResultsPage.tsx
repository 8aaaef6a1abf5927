import { Alert, Button, Group, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, type ResultSummaryRow } from '../../api.ts';
import {
  chosenOrganization,
  OrgYearChooser,
  OrgYearPage,
  type OrgYearViewProps,
} from '../../components/OrgYearChooser.tsx';
import { pagedItems, ShowMore, usePagedList } from '../../components/PagedList.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate, useSearchParams } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { buildTree } from '../organizations/tree.ts';
import { AnalysesModal } from './AnalysesModal.tsx';
import { chosenFiscalYear, editionYears } from './common.ts';
import { ProvinceView } from './ProvinceView.tsx';
import { resultPaths } from './paths.ts';
import { useResultWriter } from './permissions.ts';
import { ResultsTable } from './ResultsTable.tsx';

/** Results of an organisation (and those below it) for a fiscal year, with entry, import and analyses. */
export function ResultsPage() {
  return <OrgYearPage scope="results" view={ResultsView} />;
}

function ResultsView({ organizations, editions }: OrgYearViewProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const params = useSearchParams();
  const canWrite = useResultWriter(organizations);
  const tree = buildTree(organizations);
  const [analysesOf, setAnalysesOf] = useState<ResultSummaryRow | null>(null);

  const org = chosenOrganization(organizations, params.get('org'), canWrite);
  const years = editionYears(editions);
  // Without a year asked for, the latest year with a result for the organisation, not an empty one.
  const yearParam = params.get('year');
  const latest = useQuery({
    queryKey: queryKeys.latestResultYear(org.id),
    queryFn: () => api.home.latestResultYear(org.id),
    enabled: yearParam === null,
  });
  const yearKnown = yearParam !== null || !latest.isPending;
  const fiscalYear = chosenFiscalYear(editions, yearParam ?? latest.data?.fiscalYear?.toString() ?? null);
  const choose = (next: { organizationId?: string; fiscalYear?: number }) =>
    navigate(resultPaths.list({ organizationId: org.id, fiscalYear, ...next }), { replace: true });

  // A page at a time (the server's keyset cursor): a national parent may hold thousands of results.
  const results = usePagedList({
    queryKey: queryKeys.results({ organizationId: org.id, fiscalYear }),
    page: (cursor) => api.assessments.list({ organizationId: org.id, fiscalYear }, cursor),
    enabled: yearKnown,
  });
  const writer = canWrite(org.id);
  const isParent = tree.childrenOf.has(org.id);
  const name = orgName(org, lang);

  return (
    <Stack>
      <OrgYearChooser
        scope="results"
        organizations={organizations}
        organizationId={org.id}
        onOrganization={(organizationId) => choose({ organizationId })}
        years={years}
        fiscalYear={fiscalYear}
        onFiscalYear={(year) => choose({ fiscalYear: year })}
      />

      <QueryState query={results}>
        {(data) => {
          const rows = pagedItems(data);
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
              <ShowMore query={results} label={t('resultsPages.more')} />
            </Stack>
          );
        }}
      </QueryState>

      {isParent && yearKnown && (
        <ProvinceView organization={org} organizations={organizations} fiscalYear={fiscalYear} />
      )}

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
