import { Badge, Box, Button, Collapse, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Plus } from '../../../components/icons.tsx';
import { useLang } from '../../../i18n/index.ts';
import { monthLabel, moveItem } from '../common.ts';
import { blankStep, type PlanStep } from './draft.ts';
import { useEditorEnv } from './env.tsx';
import { DragHandle, ItemButtons, ResponsibleInput, TimeframeInput, useDragReorder } from './fields.tsx';

/**
 * The steps of a measure as ordered lines: drag a row by its handle, or move it with the up and down
 * buttons (the keyboard way). Each step may name its own units and months.
 */
export function StepsEditor({
  steps,
  onChange,
  path,
  measureName,
  anchorId,
}: {
  steps: PlanStep[];
  onChange: (steps: PlanStep[]) => void;
  /** Content path of the measure's steps, for error messages: `issues[0].measures[1].steps`. */
  path: string;
  /** "มาตรการที่ 1.2", to name the steps for screen readers. */
  measureName: string;
  anchorId: string;
}) {
  const { t } = useTranslation();
  const { readOnly, errorAt, announce } = useEditorEnv();
  const move = (from: number, to: number) => {
    onChange(moveItem(steps, from, to));
    announce(t('plans.editor.movedStep', { from: from + 1, to: to + 1 }));
  };
  const drag = useDragReorder(move);
  const listError = errorAt(path) && steps.length === 0 ? errorAt(path) : undefined;

  return (
    <Stack gap={6} id={anchorId} role="group" aria-label={t('plans.editor.stepsOf', { name: measureName })}>
      <Text size="sm" fw={500}>
        {t('plans.fields.steps')}
      </Text>
      {steps.length === 0 && (
        <Text size="sm" c={listError ? 'red.8' : 'dimmed'}>
          {t('plans.editor.noSteps')}
        </Text>
      )}
      <Stack gap={4} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {steps.map((step, index) => (
          <Box
            key={step.id}
            component="li"
            {...drag.rowProps(index)}
            style={{
              borderRadius: 6,
              outline:
                drag.over === index && drag.dragging !== index
                  ? '2px dashed var(--mantine-color-blue-5)'
                  : undefined,
              opacity: drag.dragging === index ? 0.5 : 1,
            }}
          >
            <StepRow
              step={step}
              index={index}
              count={steps.length}
              path={`${path}[${index}]`}
              handle={readOnly ? null : drag.handleProps(index)}
              onChange={(next) => onChange(steps.map((s, i) => (i === index ? next : s)))}
              onMove={move}
              onRemove={() => {
                onChange(steps.filter((_, i) => i !== index));
                announce(t('plans.editor.removedStep', { n: index + 1 }));
              }}
            />
          </Box>
        ))}
      </Stack>
      {!readOnly && (
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<Plus />}
            onClick={() => {
              const step = blankStep();
              onChange([...steps, step]);
              requestAnimationFrame(() => document.getElementById(`step-${step.id}`)?.focus());
            }}
            aria-label={t('plans.editor.addStepTo', { name: measureName })}
          >
            {t('plans.editor.addStep')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function StepRow({
  step,
  index,
  count,
  path,
  handle,
  onChange,
  onMove,
  onRemove,
}: {
  step: PlanStep;
  index: number;
  count: number;
  path: string;
  handle: Record<string, unknown> | null;
  onChange: (step: PlanStep) => void;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { readOnly, errorAt, units } = useEditorEnv();
  const own = step.responsible !== null || step.timeframe !== null;
  const detailError = errorAt(`${path}.responsible`) ?? errorAt(`${path}.timeframe`);
  const [open, setOpen] = useState(own || Boolean(detailError));
  // A refused save that names this step's units or months opens its details.
  useEffect(() => {
    if (detailError) setOpen(true);
  }, [detailError]);
  const name = t('plans.editor.stepN', { n: index + 1 });
  const unitName = new Map(units.map((u) => [u.value, u.label]));
  const summary = [
    ...(step.responsible?.unitIds.map((u) => unitName.get(u) ?? u) ?? []),
    ...(step.responsible?.external ?? []),
    ...(step.timeframe
      ? [`${monthLabel(step.timeframe.start, lang)} – ${monthLabel(step.timeframe.end, lang)}`]
      : []),
  ];
  return (
    <Paper withBorder p={6} radius="sm">
      <Group gap={6} align="flex-start" wrap="nowrap">
        {handle && <DragHandle label={t('plans.editor.dragStep')} {...handle} />}
        <Text size="sm" fw={700} pt={6} miw={22} ta="right" aria-hidden>
          {index + 1}.
        </Text>
        <Textarea
          id={`step-${step.id}`}
          aria-label={name}
          value={step.text}
          onChange={(event) => onChange({ ...step, text: event.currentTarget.value })}
          autosize
          minRows={1}
          maxRows={8}
          readOnly={readOnly}
          error={errorAt(`${path}.text`)}
          style={{ flex: 1, minWidth: 0 }}
        />
        {!readOnly && (
          <Box visibleFrom="xs">
            <ItemButtons index={index} count={count} name={name} onMove={onMove} onRemove={onRemove} />
          </Box>
        )}
      </Group>
      <Group gap={6} pl={readOnly ? 28 : 50} mt={4} wrap="wrap">
        {!readOnly && (
          <Box hiddenFrom="xs">
            <ItemButtons index={index} count={count} name={name} onMove={onMove} onRemove={onRemove} />
          </Box>
        )}
        {summary.map((s) => (
          <Badge key={s} variant="light" color="gray" tt="none" size="sm">
            {s}
          </Badge>
        ))}
        {(!readOnly || own) && (
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-label={t(open ? 'plans.editor.hideStepDetails' : 'plans.editor.showStepDetails', { name })}
          >
            {t(open ? 'plans.editor.hideStepDetailsShort' : 'plans.editor.showStepDetailsShort')}
          </Button>
        )}
      </Group>
      <Collapse expanded={open}>
        <Stack gap="xs" pl={{ base: 0, xs: 50 }} pt="xs">
          <Text size="xs" c="dimmed">
            {t('plans.editor.stepDetailsHelp')}
          </Text>
          <ResponsibleInput
            label={t('plans.editor.stepUnits')}
            value={step.responsible ?? { unitIds: [], external: [] }}
            onChange={(r) =>
              onChange({ ...step, responsible: r.unitIds.length + r.external.length === 0 ? null : r })
            }
            error={errorAt(`${path}.responsible`)}
          />
          <TimeframeInput
            label={t('plans.editor.stepMonths')}
            value={step.timeframe}
            onChange={(timeframe) => onChange({ ...step, timeframe })}
            error={errorAt(`${path}.timeframe`)}
          />
        </Stack>
      </Collapse>
    </Paper>
  );
}
