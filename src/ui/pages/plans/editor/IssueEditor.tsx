import { Badge, Box, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_STANCE_LABELS, ISSUE_STANCES } from '#shared/plans/contract.ts';
import { Plus } from '../../../components/icons.tsx';
import { useLang } from '../../../i18n/index.ts';
import { moveItem, newId } from '../common.ts';
import type { PlanIssue, PlanMeasure } from './draft.ts';
import { anchors, useEditorEnv } from './env.tsx';
import { CodesInput, DragHandle, ItemButtons, ItemHeading, TitleInput, useDragReorder } from './fields.tsx';
import { MeasureEditor } from './MeasureEditor.tsx';

export const STANCE_COLORS: Record<PlanIssue['stance'], string> = {
  urgent: 'red',
  develop: 'orange',
  keep: 'green',
};

export type IssueActions = {
  change: (index: number, update: (issue: PlanIssue) => PlanIssue) => void;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
  select: (issueId: string) => void;
  changeMeasure: (issueIndex: number, index: number, update: (m: PlanMeasure) => PlanMeasure) => void;
  moveMeasure: (issueIndex: number, from: number, to: number) => void;
  removeMeasure: (issueIndex: number, index: number) => void;
  addMeasure: (issueIndex: number) => void;
  /** Opens the library suggestions for this issue. */
  showSuggestions: (issueId: string) => void;
};

/** One issue (ประเด็น) with its points and its measures, in order. */
export const IssueEditor = memo(function IssueEditor({
  issue,
  index,
  count,
  selected,
  planMonitored,
  actions,
}: {
  issue: PlanIssue;
  index: number;
  count: number;
  selected: boolean;
  planMonitored: boolean;
  actions: IssueActions;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { readOnly, errorAt } = useEditorEnv();
  const path = `issues[${index}]`;
  const name = t('plans.editor.issueN', { n: index + 1 });
  const set = <K extends keyof PlanIssue>(key: K, value: PlanIssue[K]) =>
    actions.change(index, (i) => ({ ...i, [key]: value }));
  const field = (f: string) => anchors.issueField(issue.id, f);
  const headingId = `${anchors.issue(issue.id)}-heading`;

  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'md' }}
      radius="md"
      id={anchors.issue(issue.id)}
      component="section"
      aria-labelledby={headingId}
      onFocusCapture={() => actions.select(issue.id)}
      style={{
        borderLeft: `4px solid var(--mantine-color-${STANCE_COLORS[issue.stance]}-6)`,
        boxShadow: selected ? '0 0 0 2px var(--mantine-color-blue-3)' : undefined,
      }}
    >
      <Stack gap="sm">
        <ItemHeading
          order={4}
          id={headingId}
          name={name}
          title={issue.title}
          badges={
            <Badge color={STANCE_COLORS[issue.stance]} variant="light" tt="none">
              {ISSUE_STANCE_LABELS[issue.stance][lang]}
            </Badge>
          }
          index={index}
          count={count}
          onMove={actions.move}
          onRemove={() => actions.remove(index)}
        />

        <TitleInput
          id={field('title')}
          label={t('plans.fields.issueTitle')}
          value={issue.title}
          onChange={(value) => set('title', value)}
          error={errorAt(`${path}.title`)}
        />
        <Select
          id={field('stance')}
          label={t('plans.fields.stance')}
          data={ISSUE_STANCES.map((s) => ({ value: s, label: ISSUE_STANCE_LABELS[s][lang] }))}
          value={issue.stance}
          onChange={(value) => value && set('stance', value as PlanIssue['stance'])}
          allowDeselect={false}
          readOnly={readOnly}
          maw={420}
        />
        <Textarea
          id={field('description')}
          label={t('plans.fields.description')}
          value={issue.description}
          onChange={(event) => set('description', event.currentTarget.value)}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={12}
          error={errorAt(`${path}.description`)}
        />
        <PointsEditor
          issue={issue}
          path={path}
          name={name}
          onChange={(update) => actions.change(index, update)}
        />
        <CodesInput
          id={field('codes')}
          label={t('plans.fields.issueCodes')}
          value={issue.codes}
          onChange={(value) => set('codes', value)}
          error={errorAt(`${path}.codes`)}
        />

        <Stack gap="sm" id={field('measures')}>
          <Title order={5} size="h6" c="dimmed">
            {t('plans.editor.measuresOf', { name, n: issue.measures.length })}
          </Title>
          {issue.measures.length === 0 && (
            <Text size="sm" c={errorAt(`${path}.measures`) ? 'red.8' : 'dimmed'}>
              {t('plans.editor.noMeasures')}
            </Text>
          )}
          {issue.measures.map((measure, j) => (
            <MeasureEditor
              key={measure.id}
              measure={measure}
              issueIndex={index}
              index={j}
              count={issue.measures.length}
              points={issue.points}
              planMonitored={planMonitored}
              onChange={actions.changeMeasure}
              onMove={actions.moveMeasure}
              onRemove={actions.removeMeasure}
            />
          ))}
          {!readOnly && (
            <Group>
              <Button
                variant="light"
                leftSection={<Plus />}
                onClick={() => actions.addMeasure(index)}
                aria-label={t('plans.editor.addMeasureTo', { name })}
              >
                {t('plans.editor.addMeasure')}
              </Button>
              <Button
                variant="subtle"
                onClick={() => actions.showSuggestions(issue.id)}
                aria-label={t('plans.editor.showSuggestionsFor', { name })}
              >
                {t('plans.editor.showSuggestions')}
              </Button>
            </Group>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
});

/** Sub-points (ประเด็นย่อย) of an issue, for plans laid out as issue – point – measure. */
function PointsEditor({
  issue,
  path,
  name,
  onChange,
}: {
  issue: PlanIssue;
  path: string;
  name: string;
  onChange: (update: (issue: PlanIssue) => PlanIssue) => void;
}) {
  const { t } = useTranslation();
  const { readOnly, errorAt, announce } = useEditorEnv();
  const move = (from: number, to: number) => {
    onChange((i) => ({ ...i, points: moveItem(i.points, from, to) }));
    announce(t('plans.editor.movedPoint', { from: from + 1, to: to + 1 }));
  };
  const drag = useDragReorder(move);
  if (readOnly && issue.points.length === 0) return null;
  return (
    <Stack gap={4} role="group" aria-label={t('plans.editor.pointsOf', { name })}>
      <Text size="sm" fw={500}>
        {t('plans.fields.points')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('plans.editor.pointsHelp')}
      </Text>
      {issue.points.map((point, k) => {
        const pointName = t('plans.editor.pointN', { n: k + 1 });
        return (
          <Box key={point.id} {...drag.rowProps(k)} style={{ opacity: drag.dragging === k ? 0.5 : 1 }}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              {!readOnly && <DragHandle label={t('plans.editor.dragPoint')} {...drag.handleProps(k)} />}
              <Text size="sm" fw={700} pt={6} aria-hidden>
                {k + 1}.
              </Text>
              <Textarea
                id={`point-${point.id}`}
                aria-label={pointName}
                value={point.text}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  onChange((i) => ({
                    ...i,
                    points: i.points.map((p) => (p.id === point.id ? { ...p, text } : p)),
                  }));
                }}
                autosize
                minRows={1}
                readOnly={readOnly}
                error={errorAt(`${path}.points[${k}]`)}
                style={{ flex: 1, minWidth: 0 }}
              />
              {!readOnly && (
                <ItemButtons
                  index={k}
                  count={issue.points.length}
                  name={pointName}
                  onMove={move}
                  onRemove={() =>
                    // A removed point is no longer answered by any measure.
                    onChange((i) => ({
                      ...i,
                      points: i.points.filter((p) => p.id !== point.id),
                      measures: i.measures.map((m) => ({
                        ...m,
                        pointIds: m.pointIds.filter((id) => id !== point.id),
                      })),
                    }))
                  }
                />
              )}
            </Group>
          </Box>
        );
      })}
      {!readOnly && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<Plus />}
            onClick={() => {
              const id = newId();
              onChange((i) => ({ ...i, points: [...i.points, { id, text: '' }] }));
              requestAnimationFrame(() => document.getElementById(`point-${id}`)?.focus());
            }}
            aria-label={t('plans.editor.addPointTo', { name })}
          >
            {t('plans.editor.addPoint')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
