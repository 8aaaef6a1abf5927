import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type Dispatch, type SetStateAction, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Plus } from '../../../components/icons.tsx';
import { Link } from '../../../router.tsx';
import { resultPaths } from '../../results/paths.ts';
import { moveItem } from '../common.ts';
import { blankIssue, blankMeasure, type PlanContent } from './draft.ts';
import { anchors, focusAnchor, useEditorEnv } from './env.tsx';
import { TitleInput } from './fields.tsx';
import { type IssueActions, IssueEditor } from './IssueEditor.tsx';

/**
 * The whole plan as one outline: the plan's own sections, then its issues in order, each with its
 * measures in order. Every change goes through `setDraft`; nothing is saved until the user saves.
 */
export function PlanEditor({
  draft,
  setDraft,
  analysisId,
  selectedIssueId,
  onSelectIssue,
  onShowSuggestions,
}: {
  draft: PlanContent;
  setDraft: Dispatch<SetStateAction<PlanContent>>;
  analysisId: string | null;
  selectedIssueId: string | null;
  onSelectIssue: (issueId: string) => void;
  onShowSuggestions: (issueId: string) => void;
}) {
  const { t } = useTranslation();
  const { readOnly, errorAt, announce } = useEditorEnv();
  const set = <K extends keyof PlanContent>(key: K, value: PlanContent[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const focusLater = useCallback((id: string) => {
    requestAnimationFrame(() => requestAnimationFrame(() => focusAnchor(id)));
  }, []);

  const actions = useMemo<IssueActions>(() => {
    const changeIssue: IssueActions['change'] = (index, update) =>
      setDraft((d) => ({ ...d, issues: d.issues.map((issue, i) => (i === index ? update(issue) : issue)) }));
    return {
      change: changeIssue,
      move: (from, to) => {
        setDraft((d) => ({ ...d, issues: moveItem(d.issues, from, to) }));
        announce(t('plans.editor.movedIssue', { from: from + 1, to: to + 1 }));
      },
      remove: (index) => {
        setDraft((d) => ({ ...d, issues: d.issues.filter((_, i) => i !== index) }));
        announce(t('plans.editor.removedIssue', { n: index + 1 }));
      },
      select: onSelectIssue,
      showSuggestions: onShowSuggestions,
      changeMeasure: (issueIndex, index, update) =>
        changeIssue(issueIndex, (issue) => ({
          ...issue,
          measures: issue.measures.map((m, j) => (j === index ? update(m) : m)),
        })),
      moveMeasure: (issueIndex, from, to) => {
        changeIssue(issueIndex, (issue) => ({ ...issue, measures: moveItem(issue.measures, from, to) }));
        announce(
          t('plans.editor.movedMeasure', {
            from: `${issueIndex + 1}.${from + 1}`,
            to: `${issueIndex + 1}.${to + 1}`,
          }),
        );
      },
      removeMeasure: (issueIndex, index) => {
        changeIssue(issueIndex, (issue) => ({
          ...issue,
          measures: issue.measures.filter((_, j) => j !== index),
        }));
        announce(t('plans.editor.removedMeasure', { n: `${issueIndex + 1}.${index + 1}` }));
      },
      addMeasure: (issueIndex) => {
        const measure = blankMeasure();
        changeIssue(issueIndex, (issue) => ({ ...issue, measures: [...issue.measures, measure] }));
        focusLater(anchors.measureField(measure.id, 'title'));
      },
    };
  }, [setDraft, onSelectIssue, onShowSuggestions, announce, t, focusLater]);

  const planMonitored = draft.monitoringSection.trim() !== '';

  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="plan-parts-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="plan-parts-title">
            {t('plans.editor.planParts')}
          </Title>
          <TitleInput
            id={anchors.planField('title')}
            label={t('plans.fields.title')}
            value={draft.title}
            onChange={(value) => set('title', value)}
            error={errorAt('title')}
          />
          <Textarea
            id={anchors.planField('introduction')}
            label={t('plans.fields.introduction')}
            value={draft.introduction}
            onChange={(event) => set('introduction', event.currentTarget.value)}
            readOnly={readOnly}
            autosize
            minRows={2}
            maxRows={14}
            error={errorAt('introduction')}
          />
          <Textarea
            id={anchors.planField('analysisSummary')}
            label={t('plans.fields.analysisSummary')}
            description={
              analysisId ? (
                <>
                  {t('plans.editor.analysisLinked')}{' '}
                  <Anchor component={Link} to={resultPaths.analysis(analysisId)} size="xs">
                    {t('plans.editor.openAnalysis')}
                  </Anchor>
                </>
              ) : (
                t('plans.editor.analysisSummaryHelp')
              )
            }
            value={draft.analysisSummary}
            onChange={(event) => set('analysisSummary', event.currentTarget.value)}
            readOnly={readOnly}
            autosize
            minRows={2}
            maxRows={14}
            error={errorAt('analysisSummary')}
          />
          <Textarea
            id={anchors.planField('monitoringSection')}
            label={t('plans.fields.monitoringSection')}
            description={t('plans.editor.monitoringSectionHelp')}
            value={draft.monitoringSection}
            onChange={(event) => set('monitoringSection', event.currentTarget.value)}
            readOnly={readOnly}
            autosize
            minRows={2}
            maxRows={14}
            error={errorAt('monitoringSection')}
          />
          <TextInput
            id={anchors.planField('preparedBy')}
            label={t('plans.fields.preparedBy')}
            value={draft.preparedBy}
            onChange={(event) => set('preparedBy', event.currentTarget.value)}
            readOnly={readOnly}
            error={errorAt('preparedBy')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="plan-layout-label">
              {t('plans.fields.layout')}
            </Text>
            <SegmentedControl
              aria-labelledby="plan-layout-label"
              value={draft.layout}
              onChange={(value) => set('layout', value as PlanContent['layout'])}
              readOnly={readOnly}
              data={[
                { value: 'columns', label: t('plans.editor.layoutColumns') },
                { value: 'issue_point_measure', label: t('plans.editor.layoutPoints') },
              ]}
              style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
            />
            <Text size="xs" c="dimmed">
              {t('plans.editor.layoutHelp')}
            </Text>
          </Stack>
        </Stack>
      </Paper>

      <Stack gap="md" component="section" aria-labelledby="plan-issues-title">
        <Title order={3} size="h4" id="plan-issues-title" tabIndex={-1}>
          {t('plans.editor.issues', { n: draft.issues.length })}
        </Title>
        {draft.issues.length === 0 && (
          <Text size="sm" c={errorAt('issues') ? 'red.8' : 'dimmed'}>
            {t('plans.editor.noIssues')}
          </Text>
        )}
        {draft.issues.map((issue, index) => (
          <IssueEditor
            key={issue.id}
            issue={issue}
            index={index}
            count={draft.issues.length}
            selected={issue.id === selectedIssueId}
            planMonitored={planMonitored}
            actions={actions}
          />
        ))}
        {!readOnly && (
          <Group id={anchors.planField('issues')}>
            <Button
              variant="outline"
              leftSection={<Plus />}
              onClick={() => {
                const issue = blankIssue();
                setDraft((d) => ({ ...d, issues: [...d.issues, issue] }));
                onSelectIssue(issue.id);
                focusLater(anchors.issueField(issue.id, 'title'));
              }}
            >
              {t('plans.editor.addIssue')}
            </Button>
          </Group>
        )}
      </Stack>
    </Stack>
  );
}
