import {
  Badge,
  Grid,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { MEASURE_KIND_LABELS, MEASURE_KINDS } from '#shared/plans/contract.ts';
import { NumberField } from '../../../components/DigitInput.tsx';
import { useLang } from '../../../i18n/index.ts';
import { CarriedFromBadge } from '../../results/analysis/PreviousMeasures.tsx';
import type { PlanIssue, PlanMeasure } from './draft.ts';
import { anchors, useEditorEnv } from './env.tsx';
import { CodesInput, ItemHeading, ResponsibleInput, TimeframeInput, TitleInput } from './fields.tsx';
import { StepsEditor } from './StepsEditor.tsx';

/** One measure (มาตรการ/โครงการ/กิจกรรม) of an issue, every column of the plan table. */
export const MeasureEditor = memo(function MeasureEditor({
  measure,
  issueIndex,
  index,
  count,
  points,
  planMonitored,
  onChange,
  onMove,
  onRemove,
}: {
  measure: PlanMeasure;
  issueIndex: number;
  index: number;
  count: number;
  points: PlanIssue['points'];
  /** The plan's monitoring section is written, so a measure's own monitoring is optional. */
  planMonitored: boolean;
  onChange: (issueIndex: number, index: number, update: (m: PlanMeasure) => PlanMeasure) => void;
  onMove: (issueIndex: number, from: number, to: number) => void;
  onRemove: (issueIndex: number, index: number) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { readOnly, errorAt, fieldValidity } = useEditorEnv();
  const path = `issues[${issueIndex}].measures[${index}]`;
  const number = `${issueIndex + 1}.${index + 1}`;
  const name = t('plans.editor.measureN', { n: number });
  const set = <K extends keyof PlanMeasure>(key: K, value: PlanMeasure[K]) =>
    onChange(issueIndex, index, (m) => ({ ...m, [key]: value }));
  const field = (f: string) => anchors.measureField(measure.id, f);
  const headingId = `${anchors.measure(measure.id)}-heading`;

  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'sm' }}
      radius="md"
      id={anchors.measure(measure.id)}
      component="section"
      aria-labelledby={headingId}
      bg="gray.0"
    >
      <Stack gap="sm">
        <ItemHeading
          order={5}
          id={headingId}
          name={name}
          title={measure.title}
          badges={
            <>
              {measure.libraryId && (
                <Badge variant="light" color="grape" tt="none" size="sm">
                  {t('plans.editor.fromLibrary')}
                </Badge>
              )}
              {measure.carriedFrom && <CarriedFromBadge carriedFrom={measure.carriedFrom} />}
            </>
          }
          index={index}
          count={count}
          onMove={(from, to) => onMove(issueIndex, from, to)}
          onRemove={() => onRemove(issueIndex, index)}
        />

        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <Select
              label={t('plans.fields.kind')}
              data={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k][lang] }))}
              value={measure.kind}
              onChange={(value) => value && set('kind', value as PlanMeasure['kind'])}
              allowDeselect={false}
              readOnly={readOnly}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 9 }}>
            <TitleInput
              id={field('title')}
              label={t('plans.fields.measureTitle')}
              value={measure.title}
              onChange={(value) => set('title', value)}
              error={errorAt(`${path}.title`)}
            />
          </Grid.Col>
        </Grid>

        {points.length > 0 && (
          <MultiSelect
            id={field('pointIds')}
            label={t('plans.fields.pointIds')}
            data={points.map((p, k) => ({ value: p.id, label: `${k + 1}. ${p.text || '…'}` }))}
            value={measure.pointIds}
            onChange={(value) => set('pointIds', value)}
            readOnly={readOnly}
            error={errorAt(`${path}.pointIds`)}
          />
        )}

        <StepsEditor
          steps={measure.steps}
          onChange={(steps) => set('steps', steps)}
          path={`${path}.steps`}
          measureName={name}
          anchorId={field('steps')}
        />

        <ResponsibleInput
          id={field('responsible')}
          label={t('plans.fields.responsible')}
          value={measure.responsible}
          onChange={(value) => set('responsible', value)}
          error={errorAt(`${path}.responsible`)}
        />

        <TimeframeInput
          id={field('timeframe')}
          label={t('plans.fields.timeframe')}
          value={measure.timeframe}
          onChange={(value) => set('timeframe', value)}
          error={errorAt(`${path}.timeframe`)}
        />

        <Textarea
          id={field('monitoring')}
          label={t('plans.fields.monitoring')}
          description={planMonitored ? t('plans.editor.monitoringCovered') : t('plans.editor.monitoringHelp')}
          value={measure.monitoring}
          onChange={(event) => set('monitoring', event.currentTarget.value)}
          autosize
          minRows={1}
          maxRows={6}
          readOnly={readOnly}
          error={errorAt(`${path}.monitoring`)}
        />

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <CodesInput
            id={field('codes')}
            label={t('plans.fields.codes')}
            value={measure.codes}
            onChange={(value) => set('codes', value)}
            error={errorAt(`${path}.codes`)}
          />
          <NumberField
            id={field('budget')}
            label={t('plans.fields.budget')}
            description={t('plans.editor.budgetHelp')}
            value={measure.budget}
            onChange={(value) => set('budget', value)}
            onValidityChange={fieldValidity(`${measure.id}.budget`)}
            min={0}
            grouped
            readOnly={readOnly}
            error={errorAt(`${path}.budget`)}
          />
          <TextInput
            id={field('target')}
            label={t('plans.fields.target')}
            value={measure.target}
            onChange={(event) => set('target', event.currentTarget.value)}
            readOnly={readOnly}
            error={errorAt(`${path}.target`)}
          />
          <TextInput
            id={field('outputIndicator')}
            label={t('plans.fields.outputIndicator')}
            value={measure.outputIndicator}
            onChange={(event) => set('outputIndicator', event.currentTarget.value)}
            readOnly={readOnly}
            error={errorAt(`${path}.outputIndicator`)}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
});
