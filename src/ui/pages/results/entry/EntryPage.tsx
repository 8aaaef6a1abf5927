import { Alert, Anchor, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type EditionSummaryRow,
  type OrganizationRow,
  queryKeys,
  type ResultDetailBody,
} from '../../../api.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { useLang } from '../../../i18n/index.ts';
import { Link } from '../../../router.tsx';
import { orgName } from '../../organizations/names.ts';
import { defaultEditionYear, editionYears } from '../common.ts';
import { resultPaths } from '../paths.ts';
import { useResultWriter } from '../permissions.ts';
import { EntryForm } from './EntryForm.tsx';

/** Enter or replace one organisation's result of a fiscal year, with the form laid out from the edition. */
export function ResultEntryPage({
  organizationId,
  fiscalYear,
}: {
  organizationId: string;
  fiscalYear: number;
}) {
  const { t } = useTranslation();
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const editions = useQuery({ queryKey: queryKeys.editions, queryFn: api.catalogue.editions });
  const results = useQuery({
    queryKey: queryKeys.results({ organizationId, fiscalYear }),
    queryFn: () => api.assessments.list({ organizationId, fiscalYear }),
  });
  const ownId = results.data?.items.find((r) => r.organizationId === organizationId)?.id;
  const existing = useQuery({
    queryKey: queryKeys.result(ownId ?? ''),
    queryFn: () => api.assessments.get(ownId!),
    enabled: !!ownId,
  });

  return (
    <Stack>
      <Anchor component={Link} to={resultPaths.list({ organizationId, fiscalYear })} size="sm">
        ← {t('results.backToResults')}
      </Anchor>
      <QueryState query={organizations}>
        {(orgs) => (
          <QueryState query={editions}>
            {(eds) => (
              <QueryState query={results}>
                {() =>
                  ownId ? (
                    <QueryState query={existing}>
                      {(detail) => (
                        <EntryView
                          organizations={orgs}
                          editions={eds}
                          organizationId={organizationId}
                          fiscalYear={fiscalYear}
                          existing={detail}
                        />
                      )}
                    </QueryState>
                  ) : (
                    <EntryView
                      organizations={orgs}
                      editions={eds}
                      organizationId={organizationId}
                      fiscalYear={fiscalYear}
                      existing={null}
                    />
                  )
                }
              </QueryState>
            )}
          </QueryState>
        )}
      </QueryState>
    </Stack>
  );
}

function EntryView({
  organizations,
  editions,
  organizationId,
  fiscalYear,
  existing,
}: {
  organizations: OrganizationRow[];
  editions: EditionSummaryRow[];
  organizationId: string;
  fiscalYear: number;
  existing: ResultDetailBody | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const canWrite = useResultWriter(organizations);
  const org = organizations.find((o) => o.id === organizationId);
  const [editionYear, setEditionYear] = useState(
    () => existing?.editionYear ?? defaultEditionYear(editions, fiscalYear),
  );
  // With the questions and wording agencies supplied (2569 IIT/EIT), so their scores have a place.
  const edition = useQuery({
    queryKey: queryKeys.editionWithSupplied(editionYear),
    queryFn: () => api.catalogue.editionWithSupplied(editionYear),
  });

  if (!org) {
    return (
      <Alert color="red" role="alert">
        {t('results.unknownOrganization')}
      </Alert>
    );
  }
  const name = orgName(org, lang);
  return (
    <Stack>
      <div>
        <Title order={2}>{t(existing ? 'entry.titleEdit' : 'entry.titleNew')}</Title>
        <Text>
          {name} · {t('results.yearOption', { year: fiscalYear })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('entry.intro')}
        </Text>
      </div>
      {!canWrite(org.id) && (
        <Alert color="orange" role="alert">
          {t('entry.readOnly')}
        </Alert>
      )}
      <Select
        label={t('entry.edition')}
        description={t('entry.editionHelp')}
        data={editionYears(editions).map((y) => ({
          value: String(y),
          label: t('results.yearOption', { year: y }),
        }))}
        value={String(editionYear)}
        onChange={(value) => value && setEditionYear(Number(value))}
        allowDeselect={false}
        maw={360}
      />
      <QueryState query={edition}>
        {(detail) => (
          <EntryForm
            key={editionYear}
            organizationId={org.id}
            fiscalYear={fiscalYear}
            edition={detail.edition}
            existing={existing}
            readOnly={!canWrite(org.id)}
          />
        )}
      </QueryState>
    </Stack>
  );
}
