import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  Title,
  type TitleOrder,
  Tooltip,
} from '@mantine/core';
import { type DragEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeMonth, Responsible, Timeframe } from '#shared/plans/contract.ts';
import { fiscalYearRange, monthIndex } from '#shared/plans/months.ts';
import { CodesField } from '../../../components/DigitInput.tsx';
import { ArrowDown, ArrowUp, Cross, Grip } from '../../../components/icons.tsx';
import { useLang } from '../../../i18n/index.ts';
import { monthLabel, monthOptions, outsideFiscalYear } from '../common.ts';
import { useEditorEnv } from './env.tsx';

/** Up, down and remove buttons of an item in an ordered list: the keyboard way to reorder. */
export function ItemButtons({
  index,
  count,
  name,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  /** What the item is called, with its number: "ขั้นตอนที่ 2". */
  name: string;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={t('plans.editor.moveUp', { name })}>
        <ActionIcon
          variant="subtle"
          aria-label={t('plans.editor.moveUp', { name })}
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
        >
          <ArrowUp />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('plans.editor.moveDown', { name })}>
        <ActionIcon
          variant="subtle"
          aria-label={t('plans.editor.moveDown', { name })}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
        >
          <ArrowDown />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('plans.editor.remove', { name })}>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t('plans.editor.remove', { name })}
          onClick={onRemove}
        >
          <Cross />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/**
 * The heading of an issue or a measure: its name with its title, badges, and (when editable) the
 * buttons that move and remove it.
 */
export function ItemHeading({
  order,
  id,
  name,
  title,
  badges,
  index,
  count,
  onMove,
  onRemove,
}: {
  order: TitleOrder;
  /** The heading's DOM id, which labels the item's section. */
  id: string;
  name: string;
  title: string;
  badges: ReactNode;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { readOnly } = useEditorEnv();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Group gap="xs" wrap="wrap">
        <Title order={order} id={id}>
          {name}
          {title.trim() ? ` ${title}` : ''}
        </Title>
        {badges}
      </Group>
      {!readOnly && (
        <ItemButtons index={index} count={count} name={name} onMove={onMove} onRemove={onRemove} />
      )}
    </Group>
  );
}

/** The required title of the plan, an issue or a measure. */
export function TitleInput({
  value,
  onChange,
  label,
  id,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  label: string;
  id: string;
  error: string | undefined;
}) {
  const { readOnly } = useEditorEnv();
  return (
    <Textarea
      id={id}
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      readOnly={readOnly}
      required
      autosize
      minRows={1}
      maxRows={4}
      error={error}
    />
  );
}

/** The ITA codes (i7, o14, …) an issue or a measure answers, trimmed, Arabic digits, without empty ones. */
export function CodesInput({
  value,
  onChange,
  label,
  id,
  error,
}: {
  value: string[];
  onChange: (value: string[]) => void;
  label: string;
  id: string;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const { readOnly } = useEditorEnv();
  return (
    <CodesField
      id={id}
      label={label}
      description={t('plans.editor.codesHelp')}
      value={value}
      // Thai digits read as Arabic (i๓ → i3), as the server's plan schema does.
      onChange={onChange}
      readOnly={readOnly}
      error={error}
    />
  );
}

/**
 * Drag and drop reordering (HTML5): rows are drop targets, a handle in each row starts the drag. The
 * keyboard way is ItemButtons; both end in the same onMove.
 */
export function useDragReorder(onMove: (from: number, to: number) => void) {
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const end = () => {
    setDragging(null);
    setOver(null);
  };
  return {
    dragging,
    over,
    rowProps: (index: number) => ({
      'data-reorder-row': true,
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (dragging === null) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        if (over !== index) setOver(index);
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        if (dragging === null) return;
        event.preventDefault();
        if (dragging !== index) onMove(dragging, index);
        end();
      },
    }),
    handleProps: (index: number) => ({
      draggable: true,
      onDragStart: (event: DragEvent<HTMLElement>) => {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', String(index));
        const row = event.currentTarget.closest('[data-reorder-row]');
        if (row instanceof HTMLElement) event.dataTransfer.setDragImage(row, 16, 16);
        setDragging(index);
      },
      onDragEnd: end,
    }),
  };
}

export function DragHandle({ label, ...props }: { label: string } & Record<string, unknown>) {
  return (
    <Text
      component="span"
      c="dimmed"
      title={label}
      aria-hidden
      style={{ cursor: 'grab', display: 'inline-flex', paddingTop: 8, touchAction: 'none' }}
      {...props}
    >
      <Grip />
    </Text>
  );
}

/**
 * Start and end months, in the Buddhist era, within and around the fiscal year. Choosing one end
 * alone fills the other from the fiscal year, so the value is always a whole timeframe or none.
 */
export function TimeframeInput({
  value,
  onChange,
  label,
  id,
  error,
}: {
  value: Timeframe | null;
  onChange: (value: Timeframe | null) => void;
  label: string;
  id?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { fiscalYear, readOnly } = useEditorEnv();
  const options = monthOptions(fiscalYear, lang);
  const range = fiscalYearRange(fiscalYear);
  const later = (a: BeMonth, b: BeMonth) => (monthIndex(a) >= monthIndex(b) ? a : b);
  const earlier = (a: BeMonth, b: BeMonth) => (monthIndex(a) <= monthIndex(b) ? a : b);
  const setStart = (start: string | null) => {
    if (!start) return onChange(null);
    onChange({ start, end: value?.end ?? later(range.end, start) });
  };
  const setEnd = (end: string | null) => {
    if (!end) return onChange(null);
    onChange({ start: value?.start ?? earlier(range.start, end), end });
  };
  const outside = value && outsideFiscalYear(value, fiscalYear);
  return (
    <Stack gap={4} role="group" aria-label={label} id={id}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <Select
          aria-label={`${label}: ${t('plans.editor.startMonth')}`}
          placeholder={t('plans.editor.startMonth')}
          data={options}
          value={value?.start ?? null}
          onChange={setStart}
          clearable
          searchable
          readOnly={readOnly}
          w={150}
          error={Boolean(error)}
          nothingFoundMessage={t('common.nothingFound')}
        />
        <Text pt={6} aria-hidden>
          –
        </Text>
        <Select
          aria-label={`${label}: ${t('plans.editor.endMonth')}`}
          placeholder={t('plans.editor.endMonth')}
          data={options}
          value={value?.end ?? null}
          onChange={setEnd}
          clearable
          searchable
          readOnly={readOnly}
          w={150}
          error={error}
          nothingFoundMessage={t('common.nothingFound')}
        />
        {!readOnly && (
          <Button
            variant="subtle"
            size="compact-sm"
            mt={4}
            onClick={() => onChange({ ...range })}
            aria-label={`${label}: ${t('plans.editor.wholeYear', { year: fiscalYear })}`}
          >
            {t('plans.editor.wholeYear', { year: fiscalYear })}
          </Button>
        )}
      </Group>
      {value && (
        <Text size="xs" c={outside ? 'orange.8' : 'dimmed'}>
          {monthLabel(value.start, lang)} – {monthLabel(value.end, lang)}
          {outside ? ` · ${t('plans.editor.outsideYear', { year: fiscalYear })}` : ''}
        </Text>
      )}
    </Stack>
  );
}

/** Responsible units from the organisation's tree, and bodies outside it by name. */
export function ResponsibleInput({
  value,
  onChange,
  label,
  id,
  error,
}: {
  value: Responsible;
  onChange: (value: Responsible) => void;
  label: string;
  id?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const { units, readOnly } = useEditorEnv();
  const depth = new Map(units.map((u) => [u.value, u.depth]));
  const known = new Set(units.map((u) => u.value));
  // A unit no longer in the tree (moved away or closed) stays visible so that it can be removed.
  const data = [
    ...units.map(({ value: v, label: l }) => ({ value: v, label: l })),
    ...value.unitIds
      .filter((u) => !known.has(u))
      .map((u) => ({ value: u, label: t('plans.editor.unknownUnit') })),
  ];
  return (
    <Stack gap="xs" id={id}>
      <MultiSelect
        label={label}
        description={t('plans.editor.unitsHelp')}
        data={data}
        value={value.unitIds}
        onChange={(unitIds) => onChange({ ...value, unitIds })}
        searchable
        readOnly={readOnly}
        nothingFoundMessage={t('common.nothingFound')}
        error={error}
        renderOption={({ option }) => (
          <Text size="sm" pl={(depth.get(option.value) ?? 0) * 14}>
            {option.label}
          </Text>
        )}
      />
      <TagsInput
        label={t('plans.editor.external')}
        description={t('plans.editor.externalHelp')}
        value={value.external}
        onChange={(external) => onChange({ ...value, external })}
        readOnly={readOnly}
        splitChars={[]}
        clearable={!readOnly}
      />
    </Stack>
  );
}
