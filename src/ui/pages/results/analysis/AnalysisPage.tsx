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
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figure } from '#shared/assessments/analysis.ts';
import { levelReason } from '#shared/assessments/level-reason.ts';
import type {
  EditionGrouping,
  EditionInstrument,
  EditionQuestion,
} from '#shared/catalogue/edition.schema.ts';
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
              <AnalysisView
                analysis={data}
                organizations={orgs}
                groupings={edition.data?.groupings ?? []}
                instruments={edition.data?.edition.instruments ?? []}
                questions={edition.data?.edition.questions ?? []}
              />
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
  instruments,
  questions,
}: {
  analysis: AnalysisBody;
  organizations: OrganizationRow[];
  groupings: EditionGrouping[];
  /** The edition's instruments, for the weights the derived total is made with. */
  instruments: Pick<EditionInstrument, 'code' | 'weight_percent'>[];
  /** The edition's questions, for the English names of OIT items. */
  questions: Pick<EditionQuestion, 'code' | 'text_en'>[];
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
            {outcome.warnings.map((w, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: two warnings may say the same
              <List.Item key={index}>{lang === 'th' ? w.message_th : w.message_en}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Summary analysis={analysis} instruments={instruments} />

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

      <IndicatorExtremes analysis={analysis} />

      <FindingGroups analysis={analysis} canWrite={canWrite} questions={questions} />

      <PreviousMeasures analysis={analysis} />

      <FailedOitItems analysis={analysis} questions={questions} />

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
        address={{ fiscalYear: analysis.outcome.fiscalYear, pathKey: 'analysis' }}
      />
    </Stack>
  );
}

/**
 * The figures: the total, the level and each instrument, each as the result states it with the one the
 * edition's rule derives beside it (flagged when they differ by more than rounding), or derived alone,
 * or why it could not be derived. The level: the official one first, the computed one beside it.
 */
function Summary({
  analysis,
  instruments,
}: {
  analysis: AnalysisBody;
  instruments: Pick<EditionInstrument, 'code' | 'weight_percent'>[];
}) {
  const { t } = useTranslation();
  const score = useScoreText();
  const format = useFormat();
  const { outcome } = analysis;
  const weights =
    instruments.length > 0 && instruments.every((i) => i.weight_percent !== null)
      ? instruments.map((i) => `${i.code} ${format.number(i.weight_percent!)}%`).join(' + ')
      : null;
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }} component="section" aria-label={t('analysis.summary')}>
      <FigureCard
        label={t('results.columns.total')}
        figure={outcome.figures.total}
        derivedFrom={
          weights
            ? t('analysis.figure.fromInstrumentsWeighted', { weights })
            : t('analysis.figure.fromInstruments')
        }
        big
      />
      <LevelCard analysis={analysis} />
      {outcome.figures.instruments.map((f) => {
        const yoy = outcome.instruments.find((i) => i.code === f.code)?.yoy;
        return (
          <FigureCard
            key={f.code}
            label={f.code}
            figure={f}
            derivedFrom={t('analysis.figure.fromIndicators')}
          >
            {yoy && yoy.change !== null && (
              <Text size="xs" c={yoy.change < 0 ? 'red.8' : 'green.8'}>
                {t('analysis.changeFrom', {
                  year: yoy.previousFiscalYear,
                  change: `${yoy.change > 0 ? '+' : ''}${score(yoy.change)}`,
                })}
              </Text>
            )}
          </FigureCard>
        );
      })}
    </SimpleGrid>
  );
}

/** One figure: the one used, and beside it the derived one, a difference beyond rounding, or why not. */
function FigureCard({
  label,
  figure,
  derivedFrom,
  big = false,
  children,
}: {
  label: string;
  figure: Figure;
  /** How a figure that was not stated is derived ("คำนวณจากคะแนนรายตัวชี้วัด"). */
  derivedFrom: string;
  big?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const both = figure.stated !== null && figure.derived !== null;
  return (
    <Paper
      withBorder
      p="sm"
      bg={figure.differs ? 'red.0' : undefined}
      role="group"
      aria-label={`${label} ${score(figure.value)}`}
    >
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={big ? 28 : undefined} fw={700} lh={big ? 1.2 : undefined}>
        {score(figure.value)}
      </Text>
      {both && (
        <Text size="xs" c={figure.differs ? 'red.8' : 'dimmed'} fw={figure.differs ? 600 : undefined}>
          {t('analysis.figure.derivedBeside', { value: score(figure.derived) })}
        </Text>
      )}
      {figure.differs && (
        <Text size="xs" fw={700} c="red.8" mt={2}>
          ≠{' '}
          <span>
            {t('analysis.figure.differs', {
              difference: `${figure.difference! > 0 ? '+' : ''}${score(figure.difference)}`,
            })}
          </span>
        </Text>
      )}
      {figure.stated === null && figure.derived !== null && (
        <Text size="xs" c="dimmed">
          {derivedFrom}
        </Text>
      )}
      {figure.derived === null && figure.missing && (
        <Text size="xs" c="dimmed">
          {t('analysis.figure.notDerived', { reason: lang === 'en' ? figure.missing.en : figure.missing.th })}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/** The official level (stated, else computed) first; the computed one beside it, or why there is none. */
function LevelCard({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { level } = analysis.outcome;
  const computedName = lang === 'en' ? level.computedName_en : level.computedName_th;
  const official = lang === 'en' ? (level.stated ?? level.computedName_en) : level.official_th;
  const reason = levelReason(analysis.outcome);
  return (
    <Paper
      withBorder
      p="sm"
      bg={level.mismatch ? 'red.0' : undefined}
      role="group"
      aria-label={`${t('analysis.level.title')} ${official ?? '—'}`}
    >
      <Text size="xs" c="dimmed">
        {t('analysis.level.title')}
      </Text>
      <Text fw={700}>{official ?? '—'}</Text>
      {level.stated !== null && (
        <Text size="xs" c="dimmed">
          {t('analysis.level.stated')}
        </Text>
      )}
      {level.stated !== null || computedName === null ? (
        <Text size="xs" c={level.mismatch ? 'red.8' : undefined} fw={level.mismatch ? 600 : undefined}>
          {t('analysis.level.computed', { level: computedName ?? '—' })}
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          {t('analysis.level.fromScores')}
        </Text>
      )}
      {reason && (
        <Text size="xs" c="dimmed">
          {t('analysis.levelNotComputed', { reason: lang === 'en' ? reason.en : reason.th })}
        </Text>
      )}
      {level.mismatch && (
        <Badge color="red" variant="filled" mt={4}>
          ≠ {t('results.mismatch')}
        </Badge>
      )}
    </Paper>
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
                {i.derived && (
                  <Text size="xs" c="dimmed" fw={400}>
                    {t('analysis.indicatorDerived')}
                  </Text>
                )}
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

/** The lowest and the highest indicator of each instrument (ties together): what analyses state first. */
function IndicatorExtremes({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const extremes = analysis.outcome.indicatorExtremes;
  if (extremes.length === 0) return null;
  const names = (refs: AnalysisBody['outcome']['indicatorExtremes'][number]['lowest']) => (
    <Stack gap={2}>
      {refs.map((r) => (
        <Text key={r.number} size="sm">
          {t('analysis.indicatorCode', { number: r.number })} {lang === 'en' ? r.name_en : r.name_th}{' '}
          <Text span fw={700}>
            ({score(r.score)})
          </Text>
        </Text>
      ))}
    </Stack>
  );
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="extremes-title">
      <Title order={3} size="h4" id="extremes-title" mb="xs">
        {t('analysis.extremes.title')}
      </Title>
      {/* On a phone, each instrument in turn: lowest, then highest (no table to scroll sideways). */}
      <Stack gap="sm" hiddenFrom="sm">
        {extremes.map((e) => (
          <div key={e.instrument}>
            <Text fw={700}>{e.instrument}</Text>
            <Text size="xs" c="dimmed">
              {t('analysis.extremes.lowest')}
            </Text>
            {names(e.lowest)}
            <Text size="xs" c="dimmed" mt={4}>
              {t('analysis.extremes.highest')}
            </Text>
            {names(e.highest)}
          </div>
        ))}
      </Stack>
      <Table.ScrollContainer minWidth={480} visibleFrom="sm">
        <Table verticalSpacing={6} aria-label={t('analysis.extremes.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analysis.columns.instrument')}</Table.Th>
              <Table.Th>{t('analysis.extremes.lowest')}</Table.Th>
              <Table.Th>{t('analysis.extremes.highest')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {extremes.map((e) => (
              <Table.Tr key={e.instrument}>
                <Table.Td fw={700} valign="top">
                  {e.instrument}
                </Table.Td>
                <Table.Td valign="top">{names(e.lowest)}</Table.Td>
                <Table.Td valign="top">{names(e.highest)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function FailedOitItems({
  analysis,
  questions,
}: {
  analysis: AnalysisBody;
  questions: Pick<EditionQuestion, 'code' | 'text_en'>[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  // In English, the edition's translation of an item's name; the Thai wording otherwise.
  const english = (code: string) =>
    lang === 'en' ? (questions.find((q) => q.code === code)?.text_en ?? null) : null;
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
                  {english(item.code) && item.label_th ? (
                    <Table.Td>{english(item.code)}</Table.Td>
                  ) : (
                    <Table.Td lang="th">{item.label_th ?? '—'}</Table.Td>
                  )}
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
