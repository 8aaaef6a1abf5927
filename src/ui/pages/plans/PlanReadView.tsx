import { Badge, Box, Divider, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeMonth } from '#shared/format/be-date.ts';
import { formatNumber } from '#shared/format/thai.ts';
import {
  type BeMonth,
  ISSUE_STANCE_LABELS,
  MEASURE_KIND_LABELS,
  type PlanMeasure,
  type Responsible,
  type Timeframe,
} from '#shared/plans/contract.ts';
import { measureNumber } from '#shared/plans/numbering.ts';
import type { OrganizationRow, PlanDetailBody } from '../../api.ts';
import { type Lang, useLang } from '../../i18n/index.ts';
import { orgName } from '../organizations/names.ts';
import { STANCE_COLORS } from './editor/IssueEditor.tsx';

/** `2567-10` (a BE month) → `ตุลาคม 2567` · `October 2567 BE`. */
export function beMonthText(month: BeMonth, lang: Lang): string {
  const [year, mm] = month.split('-');
  return formatBeMonth(`${Number(year) - 543}-${mm}-01`, lang);
}

/** A measure's or step's months: one month once, else `ตุลาคม 2567 – กันยายน 2568`. */
export function timeframeText(timeframe: Timeframe, lang: Lang): string {
  return timeframe.start === timeframe.end
    ? beMonthText(timeframe.start, lang)
    : `${beMonthText(timeframe.start, lang)} – ${beMonthText(timeframe.end, lang)}`;
}

/**
 * The plan as a document, for whoever does not edit it (the executive deciding, a viewer, anyone once
 * the plan is submitted or approved): issues with their weak points, each measure with its number,
 * steps, responsible units by name, months in the Buddhist era, monitoring and budget. No inputs and
 * no editing hints; the workflow's actions stay beside it.
 */
export function PlanReadView({
  plan,
  organizations,
}: {
  plan: PlanDetailBody;
  organizations: readonly OrganizationRow[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const content = plan.content;
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const planUnits = new Map(plan.units.map((u) => [u.id, u]));
  const unitNames = (responsible: Responsible): string[] => [
    ...responsible.unitIds.map((id) => {
      const org = byId.get(id);
      return org ? orgName(org, lang) : (planUnits.get(id)?.nameTh ?? id);
    }),
    ...responsible.external,
  ];

  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'lg' }}
      component="article"
      aria-labelledby="plan-read-title"
      data-testid="plan-read-view"
    >
      <Stack gap="lg">
        <Title order={3} size="h4" id="plan-read-title">
          {t('planRead.title', { n: plan.versionNo })}
        </Title>
        <Section title={t('planRead.introduction')} text={content.introduction} />
        <Section title={t('planRead.analysisSummary')} text={content.analysisSummary} />

        {content.issues.length === 0 && <Text c="dimmed">{t('planRead.noIssues')}</Text>}
        {content.issues.map((issue, issueIndex) => (
          <Box
            key={issue.id}
            component="section"
            aria-labelledby={`read-issue-${issue.id}`}
            pl="sm"
            style={{ borderLeft: `4px solid var(--mantine-color-${STANCE_COLORS[issue.stance]}-6)` }}
          >
            <Stack gap="sm">
              <div>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={700} c="dimmed">
                    {t('planRead.issue', { n: issueIndex + 1 })}
                  </Text>
                  <Badge color={STANCE_COLORS[issue.stance]} variant="light" tt="none">
                    {ISSUE_STANCE_LABELS[issue.stance][lang]}
                  </Badge>
                </Group>
                <Title order={4} size="h5" id={`read-issue-${issue.id}`}>
                  {issue.title}
                </Title>
              </div>
              {issue.description.trim() && <Paragraphs text={issue.description} />}
              {issue.points.length > 0 && (
                <div>
                  <Text size="sm" fw={600}>
                    {t('planRead.points')}
                  </Text>
                  <List size="sm" type="ordered">
                    {issue.points.map((p) => (
                      <List.Item key={p.id}>{p.text}</List.Item>
                    ))}
                  </List>
                </div>
              )}
              {issue.codes.length > 0 && (
                <Text size="sm" c="dimmed">
                  {t('planRead.codes', { codes: issue.codes.join(', ') })}
                </Text>
              )}
              {issue.measures.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('planRead.noMeasures')}
                </Text>
              )}
              {issue.measures.map((measure, measureIndex) => (
                <MeasureRead
                  key={measure.id}
                  measure={measure}
                  number={measureNumber(issueIndex, measureIndex)}
                  unitNames={unitNames}
                />
              ))}
            </Stack>
          </Box>
        ))}

        <Section title={t('planRead.monitoringSection')} text={content.monitoringSection} />
        {content.preparedBy.trim() && (
          <Text size="sm">
            <Text span fw={600}>
              {t('planRead.preparedBy')}:
            </Text>{' '}
            {content.preparedBy}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function MeasureRead({
  measure,
  number,
  unitNames,
}: {
  measure: PlanMeasure;
  number: string;
  unitNames: (responsible: Responsible) => string[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const notGiven = (
    <Text span size="sm" c="dimmed">
      {t('planRead.notGiven')}
    </Text>
  );
  const names = unitNames(measure.responsible);
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-labelledby={`read-measure-${measure.id}`}>
      <Stack gap="xs">
        <div>
          <Text size="sm" fw={700} c="dimmed">
            {t('planRead.measure', { kind: MEASURE_KIND_LABELS[measure.kind][lang], number })}
          </Text>
          <Title order={5} id={`read-measure-${measure.id}`}>
            {measure.title}
          </Title>
        </div>
        {measure.steps.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('planRead.steps')}
            </Text>
            <List size="sm" type="ordered" spacing={2}>
              {measure.steps.map((step) => {
                const own = [
                  ...(step.responsible ? [unitNames(step.responsible).join(', ')] : []),
                  ...(step.timeframe ? [timeframeText(step.timeframe, lang)] : []),
                ];
                return (
                  <List.Item key={step.id}>
                    {step.text}
                    {own.length > 0 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({own.join(' · ')})
                      </Text>
                    )}
                  </List.Item>
                );
              })}
            </List>
          </div>
        )}
        <Divider />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} component="dl" m={0}>
          <Field label={t('planRead.responsible')}>{names.length > 0 ? names.join(', ') : notGiven}</Field>
          <Field label={t('planRead.timeframe')}>
            {measure.timeframe ? timeframeText(measure.timeframe, lang) : notGiven}
          </Field>
          <Field label={t('planRead.monitoring')}>{measure.monitoring.trim() || notGiven}</Field>
          <Field label={t('planRead.budget')}>
            {measure.budget === null
              ? t('planRead.noBudget')
              : t('planRead.budgetValue', { amount: formatNumber(measure.budget, { lang }) })}
          </Field>
          {measure.target.trim() && <Field label={t('planRead.target')}>{measure.target}</Field>}
          {measure.outputIndicator.trim() && (
            <Field label={t('planRead.outputIndicator')}>{measure.outputIndicator}</Field>
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </div>
  );
}

function Section({ title, text }: { title: string; text: string }) {
  if (!text.trim()) return null;
  return (
    <section>
      <Title order={4} size="h5" mb={4}>
        {title}
      </Title>
      <Paragraphs text={text} />
    </section>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {text}
    </Text>
  );
}
