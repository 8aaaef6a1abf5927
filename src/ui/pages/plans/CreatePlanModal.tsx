import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf } from '#shared/format/thai.ts';
import { api, type OrganizationRow, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link, navigate } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { resultPaths } from '../results/paths.ts';
import { planPaths } from './common.ts';

type Source = 'analysis' | 'blank' | 'copy';
type IssuesFrom = 'groups' | 'findings' | 'merged' | 'none';
const ISSUES_FROM: IssuesFrom[] = ['groups', 'findings', 'merged', 'none'];

/**
 * Starts a plan for a fiscal year: from an analysis of the previous year's result (its findings become
 * issues, and last year's measures for weak points that remain may come along with their progress),
 * blank, or as a copy of last year's plan.
 */
export function CreatePlanModal({
  organization,
  years,
  fiscalYear,
  analysisId,
  onClose,
}: {
  organization: OrganizationRow;
  years: number[];
  fiscalYear: number | undefined;
  /** An analysis to start from (from the analysis page). */
  analysisId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number>(fiscalYear ?? fiscalYearOf(new Date()));
  const [source, setSource] = useState<Source>('analysis');
  const [chosenAnalysis, setChosenAnalysis] = useState<string | null>(analysisId);
  const [issuesFrom, setIssuesFrom] = useState<IssuesFrom>('groups');
  const [carryForward, setCarryForward] = useState(false);
  const [title, setTitle] = useState('');
  const resultYear = year - 1;

  const results = useQuery({
    queryKey: queryKeys.results({ organizationId: organization.id, fiscalYear: resultYear }),
    queryFn: () => api.assessments.list({ organizationId: organization.id, fiscalYear: resultYear }),
  });
  const own = results.data?.items.find((r) => r.organizationId === organization.id);
  const analyses = useQuery({
    queryKey: queryKeys.resultAnalyses(own?.id ?? ''),
    queryFn: () => api.assessments.analyses(own!.id),
    enabled: own !== undefined,
  });
  const given = useQuery({
    queryKey: queryKeys.analysis(analysisId ?? ''),
    queryFn: () => api.analyses.get(analysisId!),
    enabled: analysisId !== null,
  });
  // The organisation's own plans of last year (its versions: one short page), not those below it.
  const previousFilters = {
    organizationId: organization.id,
    fiscalYear: year - 1,
    only: 'organization',
  } as const;
  const previous = useQuery({
    queryKey: queryKeys.plans(previousFilters),
    queryFn: () => api.plans.list(previousFilters),
  });
  const previousPlans = previous.data?.items ?? [];
  const hasPrevious = previousPlans.some((p) => p.organizationId === organization.id);
  // Last year's measures can come along only from last year's plan as approved (the one carried out).
  const hasApprovedPrevious = previousPlans.some(
    (p) => p.organizationId === organization.id && (p.status === 'approved' || p.status === 'circulated'),
  );
  const carrying = source === 'analysis' && issuesFrom !== 'none' && hasApprovedPrevious && carryForward;

  const options = (analyses.data ?? []).map((a) => ({
    value: a.id,
    label: `${a.title} (${format.dateTime(a.computedAt)})`,
  }));
  if (given.data && !options.some((o) => o.value === given.data.id)) {
    options.unshift({
      value: given.data.id,
      label: `${given.data.title} (${t('plans.create.resultOfYear', { year: given.data.outcome.fiscalYear })})`,
    });
  }
  const selected = chosenAnalysis ?? (options.length === 1 ? options[0]!.value : null);
  const loading =
    results.isPending ||
    (own !== undefined && analyses.isPending) ||
    (analysisId !== null && given.isPending);
  const noAnalysis = !loading && options.length === 0;

  const create = useMutation({
    mutationFn: () =>
      api.plans.create({
        organizationId: organization.id,
        fiscalYear: year,
        analysisId: source === 'analysis' ? selected : null,
        issuesFrom: source === 'analysis' ? issuesFrom : 'none',
        copyFromPreviousYear: source === 'copy',
        carryForward: carrying,
        ...(title.trim() ? { title: title.trim() } : {}),
      }),
    onSuccess: (plan) => {
      queryClient.setQueryData(queryKeys.plan(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: ['plans', 'list'] });
      navigate(planPaths.plan(plan.id));
    },
  });
  const ready = source !== 'analysis' || selected !== null;

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('plans.create.title', { name: orgName(organization, lang) })}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) create.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('plans.create.fiscalYear')}
            description={t('plans.create.fiscalYearHelp')}
            data={years.map((y) => ({ value: String(y), label: t('plans.yearOption', { year: y }) }))}
            value={String(year)}
            onChange={(value) => {
              if (!value) return;
              setYear(Number(value));
              if (!analysisId) setChosenAnalysis(null);
            }}
            allowDeselect={false}
          />
          <Radio.Group
            label={t('plans.create.source')}
            value={source}
            onChange={(value) => setSource(value as Source)}
          >
            <Stack gap="xs" mt={6}>
              <Radio
                value="analysis"
                label={t('plans.create.fromAnalysis', { year: resultYear })}
                description={t('plans.create.fromAnalysisHelp')}
              />
              <Radio
                value="blank"
                label={t('plans.create.blank')}
                description={t('plans.create.blankHelp')}
              />
              <Radio
                value="copy"
                label={t('plans.create.copy', { year: year - 1 })}
                description={
                  hasPrevious ? t('plans.create.copyHelp') : t('plans.create.noPrevious', { year: year - 1 })
                }
                disabled={!hasPrevious}
              />
            </Stack>
          </Radio.Group>

          {source === 'analysis' && (
            <>
              {noAnalysis ? (
                <Alert color="yellow">
                  <Text size="sm">{t('plans.create.noAnalysis', { year: resultYear })}</Text>
                  <Anchor
                    component={Link}
                    to={resultPaths.list({ organizationId: organization.id, fiscalYear: resultYear })}
                    size="sm"
                  >
                    {t('plans.create.toResults')}
                  </Anchor>
                </Alert>
              ) : (
                <Select
                  label={t('plans.create.analysis')}
                  data={options}
                  value={selected}
                  onChange={setChosenAnalysis}
                  placeholder={t('plans.create.analysisPlaceholder')}
                  required
                />
              )}
              {!noAnalysis && (
                <Radio.Group
                  label={t('plans.create.issuesFrom')}
                  value={issuesFrom}
                  onChange={(value) => setIssuesFrom(value as IssuesFrom)}
                >
                  <Stack gap="xs" mt={6}>
                    {ISSUES_FROM.map((mode) => (
                      <Radio
                        key={mode}
                        value={mode}
                        label={t(`plans.create.issuesFromOptions.${mode}`)}
                        description={t(`plans.create.issuesFromHelp.${mode}`)}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              {!noAnalysis && issuesFrom !== 'none' && (
                <Checkbox
                  label={t('analysis.loop.carry')}
                  description={
                    hasApprovedPrevious
                      ? t('analysis.loop.carryHelp', { year: year - 1 })
                      : t('analysis.loop.carryUnavailable', { year: year - 1 })
                  }
                  checked={carrying}
                  disabled={!hasApprovedPrevious}
                  onChange={(event) => setCarryForward(event.currentTarget.checked)}
                />
              )}
            </>
          )}

          <TextInput
            label={t('plans.create.planTitle')}
            placeholder={t('plans.create.planTitlePlaceholder')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <FormError error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!ready}>
              {t('plans.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
