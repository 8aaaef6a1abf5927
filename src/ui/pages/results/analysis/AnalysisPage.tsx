import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levelReason } from '#shared/assessments/level-reason.ts';
import type { EditionGrouping } from '#shared/catalogue/edition.schema.ts';
import { type AnalysisBody, api, type OrganizationRow, queryKeys } from '../../../api.ts';
import { FormError } from '../../../components/FormError.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../format.ts';
import { useLang } from '../../../i18n/index.ts';
import { Link } from '../../../router.tsx';
import { DocumentPanel } from '../../documents/DocumentPanel.tsx';
import { orgName } from '../../organizations/names.ts';
import { planPaths } from '../../plans/common.ts';
import { PublishPanel } from '../../publications/PublishPanel.tsx';
import { useScoreText } from '../common.ts';
import { resultPaths } from '../paths.ts';
import { useResultWriter } from '../permissions.ts';
import { IndicatorChart, STATUS_COLORS, type ThresholdLine, YoyChart } from './charts.tsx';
import { FindingGroups } from './Findings.tsx';
import { PreviousMeasures } from './PreviousMeasures.tsx';
import { SettingsForm } from './SettingsForm.tsx';

/** One analysis: settings, summary, charts, findings with narratives, failed OIT items, limitations. */
export function AnalysisPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const analysis = useQuery({ queryKey: queryKeys.analysis(id), queryFn: () => api.analyses.get(id) });
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const editionYear = analysis.data?.outcome.editionFiscalYear;
  const edition = useQuery({
    queryKey: queryKeys.edition(editionYear ?? 0),
    queryFn: () => api.catalogue.edition(editionYear!),
    enabled: editionYear !== undefined,
  });
  return (
    <QueryState query={analysis}>
      {(data) => (
        <Stack>
          <Anchor
            component={Link}
            to={resultPaths.list({
              organizationId: data.organizationId,
              fiscalYear: data.outcome.fiscalYear,
            })}
            size="sm"
          >
            ← {t('results.backToResults')}
          </Anchor>
          <QueryState query={organizations}>
            {(orgs) => (
              <AnalysisView analysis={data} organizations={orgs} groupings={edition.data?.groupings ?? []} />
            )}
          </QueryState>
        </Stack>
      )}
    </QueryState>
  );
}

function AnalysisView({
  analysis,
  organizations,
  groupings,
}: {
  analysis: AnalysisBody;
  organizations: OrganizationRow[];
  groupings: EditionGrouping[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const canWrite = useResultWriter(organizations)(analysis.organizationId);
  const org = organizations.find((o) => o.id === analysis.organizationId);
  const { outcome, settings } = analysis;
  const lines: ThresholdLine[] =
    settings.urgentBottomN === null
      ? [
          {
            value: settings.urgentBelow,
            color: STATUS_COLORS.urgent,
            label: t('analysis.lineUrgent', { value: settings.urgentBelow }),
          },
          ...(settings.developBelow === null
            ? []
            : [
                {
                  value: settings.developBelow,
                  color: STATUS_COLORS.develop,
                  label: t('analysis.lineDevelop', { value: settings.developBelow }),
                },
              ]),
          ...(settings.strengthAtOrAbove === null
            ? []
            : [
                {
                  value: settings.strengthAtOrAbove,
                  color: STATUS_COLORS.strength,
                  label: t('analysis.lineStrength', { value: settings.strengthAtOrAbove }),
                },
              ]),
        ]
      : [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{analysis.title}</Title>
        <Text>
          {org ? orgName(org, lang) : analysis.organizationNameTh} ·{' '}
          {t('results.yearOption', { year: outcome.fiscalYear })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('analysis.editionLine', { year: outcome.editionFiscalYear })} ·{' '}
          {t('analysis.computedAt', { at: format.dateTime(analysis.computedAt) })} ·{' '}
          {t(outcome.judged === 'questions' ? 'analysis.judgedQuestions' : 'analysis.judgedIndicators')}
        </Text>
        {canWrite && (
          <Button
            component={Link}
            to={planPaths.list({
              organizationId: analysis.organizationId,
              fiscalYear: outcome.fiscalYear + 1,
              fromAnalysis: analysis.id,
            })}
            variant="light"
            mt="sm"
          >
            {t('analysis.makePlan')}
          </Button>
        )}
      </div>

      {outcome.warnings.length > 0 && (
        <Alert color="yellow" title={t('analysis.warnings')}>
          <List size="sm" spacing={2}>
            {outcome.warnings.map((w) => (
              <List.Item key={w.message_en}>{lang === 'th' ? w.message_th : w.message_en}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Summary analysis={analysis} />

      <SettingsForm analysis={analysis} groupings={groupings} canWrite={canWrite} />

      <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="chart-title">
        <Stack>
          <Title order={3} size="h4" id="chart-title">
            {t('analysis.chartTitle')}
          </Title>
          <IndicatorChart indicators={outcome.indicators} lines={lines} />
          <Group gap="xs">
            {(['urgent', 'develop', 'ok', 'strength', 'not_assessed'] as const).map((status) => (
              <Group key={status} gap={4} wrap="nowrap">
                <span
                  aria-hidden
                  style={{ width: 12, height: 12, borderRadius: 2, background: STATUS_COLORS[status] }}
                />
                <Text size="xs">{t(`analysis.status.${status}`)}</Text>
              </Group>
            ))}
          </Group>
          <IndicatorTable analysis={analysis} />
        </Stack>
      </Paper>

      {outcome.yoy && (
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="yoy-title">
          <Stack>
            <Title order={3} size="h4" id="yoy-title">
              {t('analysis.yoyTitle', { previous: outcome.yoy.previousFiscalYear })}
            </Title>
            <YoyChart
              rows={outcome.yoy.rows}
              fiscalYear={outcome.fiscalYear}
              previousFiscalYear={outcome.yoy.previousFiscalYear}
            />
          </Stack>
        </Paper>
      )}

      <LowestByInstrument analysis={analysis} />

      <FindingGroups analysis={analysis} canWrite={canWrite} />

      <PreviousMeasures analysis={analysis} />

      <FailedOitItems analysis={analysis} />

      <Limitations key={analysis.limitations} analysis={analysis} canWrite={canWrite} />

      <DocumentPanel
        subjectType="analysis"
        subjectId={analysis.id}
        organizationId={analysis.organizationId}
        kinds={['analysis']}
        canEdit={canWrite}
      />
      <PublishPanel
        kind="analysis"
        subjectId={analysis.id}
        organizationId={analysis.organizationId}
        canEdit={canWrite}
        publishable
      />
    </Stack>
  );
}

function Summary({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const { outcome } = analysis;
  const level = outcome.level;
  const computedName = lang === 'en' ? level.computedName_en : level.computedName_th;
  const reason = levelReason(outcome);
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} component="section" aria-label={t('analysis.summary')}>
      <Paper withBorder p="sm">
        <Text size="xs" c="dimmed">
          {t('results.columns.total')}
        </Text>
        <Text fz={28} fw={700} lh={1.2}>
          {score(outcome.total)}
        </Text>
      </Paper>
      <Paper withBorder p="sm">
        <Text size="xs" c="dimmed">
          {t('results.columns.computedLevel')}
        </Text>
        <Text fw={700}>{computedName ?? '—'}</Text>
        {reason && (
          <Text size="xs" c="dimmed">
            {t('analysis.levelNotComputed', { reason: lang === 'en' ? reason.en : reason.th })}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="sm" bg={level.mismatch ? 'red.0' : undefined}>
        <Text size="xs" c="dimmed">
          {t('results.columns.statedLevel')}
        </Text>
        <Text fw={700}>{level.stated ?? '—'}</Text>
        {level.mismatch && (
          <Badge color="red" variant="filled" mt={4}>
            ≠ {t('results.mismatch')}
          </Badge>
        )}
      </Paper>
      {outcome.instruments.map((i) => (
        <Paper key={i.code} withBorder p="sm">
          <Text size="xs" c="dimmed">
            {i.code}
          </Text>
          <Text fw={700}>{score(i.score)}</Text>
          {i.yoy && i.yoy.change !== null && (
            <Text size="xs" c={i.yoy.change < 0 ? 'red.8' : 'green.8'}>
              {t('analysis.changeFrom', {
                year: i.yoy.previousFiscalYear,
                change: `${i.yoy.change > 0 ? '+' : ''}${score(i.yoy.change)}`,
              })}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

const STATUS_BADGE: Record<string, string> = {
  urgent: 'red',
  develop: 'orange',
  ok: 'indigo',
  strength: 'green',
  not_assessed: 'gray',
};

function IndicatorTable({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const hasYoy = analysis.outcome.indicators.some((i) => i.yoy);
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={4} striped aria-label={t('analysis.indicatorTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('analysis.columns.indicator')}</Table.Th>
            <Table.Th>{t('analysis.columns.instrument')}</Table.Th>
            <Table.Th ta="right">{t('analysis.columns.score')}</Table.Th>
            <Table.Th>{t('analysis.columns.status')}</Table.Th>
            {hasYoy && <Table.Th ta="right">{t('analysis.columns.change')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {analysis.outcome.indicators.map((i) => (
            <Table.Tr key={i.number}>
              <Table.Td>
                {i.number}. {lang === 'en' ? i.name_en : i.name_th}
              </Table.Td>
              <Table.Td>{i.instrument}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {score(i.score)}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_BADGE[i.status]} variant="light">
                  {t(`analysis.status.${i.status}`)}
                </Badge>
              </Table.Td>
              {hasYoy && (
                <Table.Td ta="right">
                  {i.yoy?.change === null || i.yoy?.change === undefined
                    ? '—'
                    : `${i.yoy.change > 0 ? '+' : ''}${score(i.yoy.change)}`}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function LowestByInstrument({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const lowest = analysis.outcome.lowestIndicatorByInstrument;
  if (lowest.length === 0) return null;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="lowest-title">
      <Title order={3} size="h4" id="lowest-title" mb="xs">
        {t('analysis.lowestTitle')}
      </Title>
      <List size="sm" spacing={4}>
        {lowest.map((l) => {
          const indicator = analysis.outcome.indicators.find((i) => i.number === l.number);
          const name = lang === 'en' && indicator ? indicator.name_en : l.name_th;
          return (
            <List.Item key={l.instrument}>
              <Text span fw={700}>
                {l.instrument}
              </Text>
              : {t('analysis.indicatorCode', { number: l.number })} {name} — {score(l.score)}
            </List.Item>
          );
        })}
      </List>
    </Paper>
  );
}

function FailedOitItems({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const items = analysis.outcome.failedOitItems;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="failed-oit-title">
      <Title order={3} size="h4" id="failed-oit-title" mb="xs">
        {t('analysis.failedOit', { n: items.length })}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{t('analysis.noFailedOit')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} aria-label={t('analysis.failedOitLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.columns.code')}</Table.Th>
                <Table.Th>{t('analysis.columns.item')}</Table.Th>
                <Table.Th>{t('entry.reason')}</Table.Th>
                <Table.Th>{t('analysis.recommendations')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.code}>
                  <Table.Td ff="monospace" fw={700}>
                    {item.displayCode}
                  </Table.Td>
                  <Table.Td lang="th">{item.label_th ?? '—'}</Table.Td>
                  <Table.Td>{item.reason ?? '—'}</Table.Td>
                  <Table.Td>{item.recommendation ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function Limitations({ analysis, canWrite }: { analysis: AnalysisBody; canWrite: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(analysis.limitations);
  const save = useMutation({
    mutationFn: () => {
      const current = queryClient.getQueryData<AnalysisBody>(queryKeys.analysis(analysis.id)) ?? analysis;
      return api.analyses.update(analysis.id, { version: current.version, limitations: text });
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.analysis(updated.id), updated);
      notifications.show({ color: 'green', message: t('analysis.limitationsSaved') });
    },
  });
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="limitations-title">
      <Stack gap="xs">
        <Title order={3} size="h4" id="limitations-title">
          {t('analysis.limitations')}
        </Title>
        <Textarea
          aria-labelledby="limitations-title"
          description={t('analysis.limitationsHelp')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={16}
          readOnly={!canWrite}
        />
        <FormError error={save.error} />
        {canWrite && (
          <Group justify="flex-end">
            <Button
              size="compact-sm"
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={text === analysis.limitations}
            >
              {t('analysis.saveLimitations')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
