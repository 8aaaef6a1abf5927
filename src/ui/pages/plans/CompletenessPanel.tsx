import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompletenessIssue } from '#shared/plans/contract.ts';
import type { PlanDetailBody } from '../../api.ts';
import { Check, Cross } from '../../components/icons.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import type { PlanContent } from './editor/draft.ts';
import { anchors } from './editor/env.tsx';
import { useFieldLabel } from './fieldLabel.ts';

/**
 * Which failure codes of the completeness check keep each of the 7 required parts (in the order the
 * edition lists them) from being satisfied.
 */
const PART_CODES: readonly (readonly string[])[] = [
  ['part_analysis'],
  ['part_weak_points', 'part_urgent', 'urgent_finding_unanswered'],
  ['part_weak_points', 'part_develop'],
  ['issue_without_measure', 'urgent_finding_unanswered'],
  ['measure_without_responsible'],
  ['measure_without_steps'],
  ['part_monitoring', 'measure_without_monitoring'],
];
/** Parts that need at least one measure to be there at all. */
const NEEDS_MEASURE = new Set([3, 4, 5]);

/** The question or indicator code an "urgent finding unanswered" failure names (in its English message). */
function findingCode(failure: CompletenessIssue): string | null {
  return /^Urgent weak point (\S+) /.exec(failure.message_en)?.[1] ?? null;
}

export type FailurePlace = { label: string; anchor: string | null };

/** Where a failure is, named with the issue and measure numbers of the outline as it is now. */
export function useFailurePlace(draft: PlanContent, readOnly: boolean) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const fieldName = (field: string | undefined, of: 'plan' | 'issue' | 'measure'): string | null =>
    field ? label(field, of) : null;
  return (failure: CompletenessIssue): FailurePlace => {
    const parts: string[] = [];
    // An unanswered urgent finding belongs to the issue that carries its code, when there is one.
    const code = failure.code === 'urgent_finding_unanswered' ? findingCode(failure) : null;
    const holder = code
      ? draft.issues.findIndex(
          (i) => i.codes.includes(code) || i.findingKeys.some((k) => k.endsWith(`:${code}`)),
        )
      : -1;
    if (holder >= 0) {
      const issue = draft.issues[holder]!;
      return {
        label: `${t('plans.editor.issueN', { n: holder + 1 })} › ${label('measures', 'issue')}`,
        anchor: anchors.issueField(issue.id, 'measures'),
      };
    }
    if (failure.measureId) {
      const i = draft.issues.findIndex((x) => x.measures.some((m) => m.id === failure.measureId));
      const issue = draft.issues[i];
      const j = issue ? issue.measures.findIndex((m) => m.id === failure.measureId) : -1;
      if (!issue || j < 0) return { label: t('plans.completeness.removedSince'), anchor: null };
      const field = /\.measures\[\d+\]\.(\w+)/.exec(failure.path)?.[1];
      parts.push(
        t('plans.editor.issueN', { n: i + 1 }),
        t('plans.editor.measureN', { n: `${i + 1}.${j + 1}` }),
      );
      const name = fieldName(field, 'measure');
      if (name) parts.push(name);
      return {
        label: parts.join(' › '),
        anchor: field ? anchors.measureField(failure.measureId, field) : anchors.measure(failure.measureId),
      };
    }
    if (failure.issueId) {
      const i = draft.issues.findIndex((x) => x.id === failure.issueId);
      if (i < 0) return { label: t('plans.completeness.removedSince'), anchor: null };
      const field = /^issues\[\d+\]\.(\w+)/.exec(failure.path)?.[1];
      parts.push(t('plans.editor.issueN', { n: i + 1 }));
      const name = fieldName(field, 'issue');
      if (name) parts.push(name);
      return {
        label: parts.join(' › '),
        anchor: field ? anchors.issueField(failure.issueId, field) : anchors.issue(failure.issueId),
      };
    }
    const field = failure.path.split(/[.[]/)[0] || 'issues';
    if (field === 'issues') {
      return {
        label: t('plans.completeness.issuesPart'),
        anchor: readOnly ? 'plan-issues-title' : anchors.planField('issues'),
      };
    }
    return { label: fieldName(field, 'plan') ?? field, anchor: anchors.planField(field) };
  };
}

/**
 * The completeness check of the last saved state (the server computes it; saving recomputes it):
 * errors block submission, warnings do not; each names where and links there. Beside it, the 7 parts
 * the OIT assessor looks for, ticked when satisfied.
 */
export function CompletenessPanel({
  plan,
  draft,
  dirty,
  readOnly,
  onGo,
}: {
  plan: PlanDetailBody;
  draft: PlanContent;
  dirty: boolean;
  readOnly: boolean;
  onGo: (anchor: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const place = useFailurePlace(draft, readOnly);
  const errors = plan.completeness.filter((c) => c.severity === 'error');
  const warnings = plan.completeness.filter((c) => c.severity === 'warning');
  const codes = new Set(errors.map((e) => e.code));

  const row = (failure: CompletenessIssue, index: number): ReactNode => {
    const where = place(failure);
    return (
      <List.Item key={`${failure.code}-${failure.path}-${index}`}>
        <Text size="sm">{lang === 'th' ? failure.message_th : failure.message_en}</Text>
        {where.anchor ? (
          <Anchor
            href={`#${where.anchor}`}
            size="xs"
            onClick={(event) => {
              event.preventDefault();
              onGo(where.anchor!);
            }}
          >
            {t('plans.completeness.goTo', { where: where.label })}
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed">
            {where.label}
          </Text>
        )}
      </List.Item>
    );
  };

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="completeness-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4" id="completeness-title" tabIndex={-1}>
            {t('plans.completeness.title')}
          </Title>
          <Group gap={4}>
            <Badge color={errors.length ? 'red' : 'green'} variant={errors.length ? 'filled' : 'light'}>
              {t('plans.completeness.errorCount', { n: errors.length })}
            </Badge>
            <Badge color="orange" variant="light">
              {t('plans.completeness.warningCount', { n: warnings.length })}
            </Badge>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">
          {t('plans.completeness.fromSaved', { at: format.dateTime(plan.updatedAt) })}
        </Text>
        {dirty && (
          <Alert color="yellow" p="xs">
            <Text size="sm">{t('plans.completeness.unsaved')}</Text>
          </Alert>
        )}
        {errors.length === 0 ? (
          <Alert color="green" p="xs" role="status">
            <Text size="sm">
              {t(readOnly ? 'plans.completeness.noErrorsReadOnly' : 'plans.completeness.noErrors')}
            </Text>
          </Alert>
        ) : (
          <div>
            <Text size="sm" fw={700} c="red.8">
              {t('plans.completeness.errors')}
            </Text>
            <List size="sm" spacing={6} aria-label={t('plans.completeness.errors')}>
              {errors.map(row)}
            </List>
          </div>
        )}
        {warnings.length > 0 && (
          <div>
            <Text size="sm" fw={700} c="orange.8">
              {t('plans.completeness.warnings')}
            </Text>
            <List size="sm" spacing={6} aria-label={t('plans.completeness.warnings')}>
              {warnings.map(row)}
            </List>
          </div>
        )}

        {plan.requiredParts.length > 0 && (
          <div>
            <Text size="sm" fw={700}>
              {t('plans.completeness.requiredParts')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('plans.completeness.requiredPartsHelp')}
            </Text>
            <List
              size="sm"
              spacing={4}
              center
              aria-label={t('plans.completeness.requiredParts')}
              listStyleType="none"
            >
              {plan.requiredParts.map((part, index) => {
                const blocked = (PART_CODES[index] ?? []).some((c) => codes.has(c));
                const ok = !blocked && !(NEEDS_MEASURE.has(index) && plan.measureCount === 0);
                return (
                  <List.Item
                    key={part}
                    icon={
                      <ThemeIcon
                        size={20}
                        radius="xl"
                        color={ok ? 'green' : 'gray'}
                        variant={ok ? 'filled' : 'light'}
                      >
                        {ok ? <Check size={12} /> : <Cross size={12} />}
                      </ThemeIcon>
                    }
                  >
                    <Text size="sm" lang="th">
                      {index + 1}. {part}{' '}
                      <Text span size="xs" c={ok ? 'green.8' : 'dimmed'}>
                        ({t(ok ? 'plans.completeness.partDone' : 'plans.completeness.partMissing')})
                      </Text>
                    </Text>
                  </List.Item>
                );
              })}
            </List>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
