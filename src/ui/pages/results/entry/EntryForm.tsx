import {
  Alert,
  Autocomplete,
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { FormProvider, useForm, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { ScoreEntry } from '#shared/assessments/scores.ts';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { toArabicDigits } from '#shared/format/thai.ts';
import { ApiRequestError, api, type ResultDetailBody } from '../../../api.ts';
import { FormError } from '../../../components/FormError.tsx';
import { ChevronDown, ChevronRight } from '../../../components/icons.tsx';
import { encodeMessage, useErrorText } from '../../../forms.ts';
import { i18n, useLang } from '../../../i18n/index.ts';
import { navigate, useLeaveGuard } from '../../../router.tsx';
import { parseScoreInput, printedCode } from '../common.ts';
import { resultPaths } from '../paths.ts';
import {
  buildLayout,
  type EntryValues,
  type IndicatorSlot,
  initialRows,
  type QuestionSlot,
  scoresOutsideLayout,
} from './rows.ts';

type RowField = 'score' | 'passed' | 'reason' | 'recommendation';

/** Paths of a server error that are shown next to their field (the rest go in the form's alert). */
const fieldPaths = (error: unknown): string[] =>
  error instanceof ApiRequestError
    ? error.details.map((d) => d.path).filter((p) => /^scores\[\d+\]/.test(p) || p === 'statedLevel')
    : [];

/** A message in both languages from a translation key, for react-hook-form errors. */
function bilingual(key: 'entry.invalidScore' | 'entry.outOfRange', values: Record<string, unknown> = {}) {
  return encodeMessage(String(i18n.getFixedT('th')(key, values)), String(i18n.getFixedT('en')(key, values)));
}

/** The entry form: total, instruments, indicators with their questions and OIT items; saving replaces the result. */
export function EntryForm({
  organizationId,
  fiscalYear,
  edition,
  existing,
  readOnly,
}: {
  organizationId: string;
  fiscalYear: number;
  edition: Edition;
  existing: ResultDetailBody | null;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const layout = useMemo(() => buildLayout(edition), [edition]);
  const dropped = useMemo(() => scoresOutsideLayout(layout, existing?.scores ?? []), [layout, existing]);
  const form = useForm<EntryValues>({
    defaultValues: {
      statedLevel: existing?.statedLevel ?? '',
      rows: initialRows(layout, existing?.scores ?? []),
    },
  });
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const errorRows = form.formState.errors.rows;
  useLeaveGuard(form.formState.isDirty, t('drafts.leave'));

  const save = useMutation({
    mutationFn: (input: { scores: ScoreEntry[]; statedLevel: string | null; rowOf: number[] }) =>
      api.assessments.save({
        organizationId,
        fiscalYear,
        editionYear: edition.fiscal_year,
        statedLevel: input.statedLevel,
        scores: input.scores,
        ...(existing ? { version: existing.version } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['assessments'] });
      void queryClient.invalidateQueries({ queryKey: ['analyses'] });
      notifications.show({ color: 'green', message: t('entry.saved') });
      navigate(resultPaths.list({ organizationId, fiscalYear }), { force: true });
    },
    onError: (error, input) => {
      if (!(error instanceof ApiRequestError)) return;
      const opened = new Set<number>();
      for (const detail of error.details) {
        const message = encodeMessage(detail.message_th, detail.message_en);
        const match = /^scores\[(\d+)\](?:\.(\w+))?/.exec(detail.path);
        const row = match ? input.rowOf[Number(match[1])] : undefined;
        if (row !== undefined) {
          const field =
            (['passed', 'reason', 'recommendation'] as const).find((f) => f === match?.[2]) ?? 'score';
          form.setError(`rows.${row}.${field}`, { type: 'server', message });
          opened.add(row);
        } else if (detail.path === 'statedLevel') {
          form.setError('statedLevel', { type: 'server', message });
        }
      }
      if (opened.size > 0) openRowsOf(opened);
    },
  });

  /** Unfolds the indicators holding these rows, so their errors can be seen. */
  function openRowsOf(rows: Set<number>) {
    const numbers = new Set<number>();
    for (const instrument of layout.instruments) {
      for (const indicator of instrument.indicators) {
        const inside = [
          ...indicator.questions.map((q) => q.row),
          ...indicator.subIndicators.flatMap((s) => [s.row, ...s.questions.map((q) => q.row)]),
        ];
        if (inside.some((r) => rows.has(r))) numbers.add(indicator.number);
      }
    }
    setOpen((current) => new Set([...current, ...numbers]));
  }

  const submit = form.handleSubmit((values) => {
    save.reset();
    const scores: ScoreEntry[] = [];
    const rowOf: number[] = [];
    const invalid = new Set<number>();
    values.rows.forEach((row, index) => {
      const parsed = parseScoreInput(row.score);
      if (parsed.kind === 'invalid') {
        form.setError(`rows.${index}.score`, {
          type: 'format',
          message: bilingual('entry.invalidScore', { value: row.score }),
        });
        invalid.add(index);
        return;
      }
      if (parsed.kind === 'out_of_range') {
        form.setError(`rows.${index}.score`, {
          type: 'range',
          message: bilingual('entry.outOfRange', { value: parsed.value }),
        });
        invalid.add(index);
        return;
      }
      const reason = row.reason.trim();
      const recommendation = row.recommendation.trim();
      const given = parsed.kind !== 'empty' || row.passed !== '' || reason !== '' || recommendation !== '';
      if (!given) return;
      rowOf.push(index);
      scores.push({
        scope: row.scope,
        code: row.code,
        score: parsed.kind === 'score' ? parsed.value : null,
        passed: row.passed === '' ? null : row.passed === 'yes',
        reason: reason || null,
        recommendation: recommendation || null,
      });
    });
    if (invalid.size > 0) {
      openRowsOf(invalid);
      return;
    }
    save.mutate({ scores, statedLevel: values.statedLevel.trim() || null, rowOf });
  });

  const levelOptions = edition.levels.levels.map((l) => (lang === 'en' ? l.name_en : l.name_th));
  const errorCount = Array.isArray(errorRows) ? errorRows.filter(Boolean).length : 0;

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label={t('entry.formLabel')}>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack>
            {dropped.length > 0 && (
              <Alert color="orange" title={t('entry.droppedTitle', { n: dropped.length })}>
                {dropped.map((s) => printedCode(s.scope, s.code)).join(', ')}
              </Alert>
            )}
            <Paper withBorder p={{ base: 'sm', sm: 'md' }}>
              <Stack gap="sm">
                <Title order={3} size="h4">
                  {t('entry.totalSection')}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <ScoreField
                    index={layout.total}
                    label={t('entry.total')}
                    accessibleLabel={t('entry.total')}
                    visibleLabel
                  />
                  <StatedLevelField options={levelOptions} />
                </SimpleGrid>
                <Text size="xs" c="dimmed">
                  {t('entry.scoreHelp')}
                </Text>
              </Stack>
            </Paper>

            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() =>
                  setOpen(new Set(layout.instruments.flatMap((i) => i.indicators.map((x) => x.number))))
                }
              >
                {t('entry.expandAll')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setOpen(new Set())}>
                {t('entry.collapseAll')}
              </Button>
            </Group>

            {layout.instruments.map((instrument) => (
              <Paper
                key={instrument.code}
                withBorder
                p={{ base: 'sm', sm: 'md' }}
                component="section"
                aria-label={`${instrument.code} ${lang === 'en' ? instrument.name_en : instrument.name_th}`}
              >
                <Stack gap="sm">
                  <Group justify="space-between" align="flex-end" wrap="wrap">
                    <div>
                      <Title order={3} size="h4">
                        {instrument.code}
                      </Title>
                      <Text size="sm">{lang === 'en' ? instrument.name_en : instrument.name_th}</Text>
                    </div>
                    <ScoreField
                      index={instrument.row}
                      label={t('entry.instrumentScore')}
                      accessibleLabel={t('entry.scoreOf', { what: instrument.code })}
                      visibleLabel
                    />
                  </Group>
                  {instrument.indicators.map((indicator) => (
                    <IndicatorBlock
                      key={indicator.number}
                      indicator={indicator}
                      open={open.has(indicator.number)}
                      onToggle={() =>
                        setOpen((current) => {
                          const next = new Set(current);
                          if (next.has(indicator.number)) next.delete(indicator.number);
                          else next.add(indicator.number);
                          return next;
                        })
                      }
                    />
                  ))}
                </Stack>
              </Paper>
            ))}

            <Paper
              withBorder
              p="sm"
              pos="sticky"
              bottom={0}
              shadow="sm"
              style={{ zIndex: 5 }}
              aria-label={t('entry.actions')}
            >
              <Stack gap="xs">
                {errorCount > 0 && (
                  <Text size="sm" c="red.8" role="alert">
                    {t('entry.errorCount', { n: errorCount })}
                  </Text>
                )}
                <FormError error={save.error} fields={fieldPaths(save.error)} />
                <Group justify="flex-end">
                  <Button
                    variant="default"
                    onClick={() => navigate(resultPaths.list({ organizationId, fiscalYear }))}
                  >
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" loading={save.isPending} disabled={readOnly}>
                    {t('entry.save')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        </fieldset>
      </form>
    </FormProvider>
  );
}

function StatedLevelField({ options }: { options: string[] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useFormContext<EntryValues>();
  const value = useWatch({ control: form.control, name: 'statedLevel' });
  return (
    <Autocomplete
      label={t('entry.statedLevel')}
      description={t('entry.statedLevelHelp')}
      data={options}
      value={value}
      onChange={(next) => form.setValue('statedLevel', next, { shouldDirty: true })}
      error={errorText(form.formState.errors.statedLevel)}
    />
  );
}

/** A score typed as text: Thai digits become Arabic when the field is left; "-" means not assessed. */
function ScoreField({
  index,
  label,
  accessibleLabel,
  visibleLabel = false,
}: {
  index: number;
  label: string;
  accessibleLabel: string;
  visibleLabel?: boolean;
}) {
  const errorText = useErrorText();
  const form = useFormContext<EntryValues>();
  const name = `rows.${index}.score` as const;
  const registered = form.register(name);
  return (
    <TextInput
      {...registered}
      label={visibleLabel ? label : undefined}
      aria-label={visibleLabel ? undefined : accessibleLabel}
      inputMode="decimal"
      autoComplete="off"
      w={visibleLabel ? undefined : 112}
      maw={visibleLabel ? 220 : undefined}
      styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
      onBlur={(event) => {
        const arabic = toArabicDigits(event.currentTarget.value).trim();
        if (arabic !== event.currentTarget.value) form.setValue(name, arabic);
        void registered.onBlur(event);
      }}
      error={errorText(form.formState.errors.rows?.[index]?.score)}
    />
  );
}

function IndicatorBlock({
  indicator,
  open,
  onToggle,
}: {
  indicator: IndicatorSlot;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = useFormContext<EntryValues>();
  const errors = form.formState.errors.rows;
  const inner = [
    ...indicator.questions.map((q) => q.row),
    ...indicator.subIndicators.flatMap((s) => [s.row, ...s.questions.map((q) => q.row)]),
  ];
  const innerErrors = Array.isArray(errors) ? inner.filter((r) => errors[r]).length : 0;
  const questionCount =
    indicator.questions.length + indicator.subIndicators.reduce((n, s) => n + s.questions.length, 0);
  const title = t('entry.indicatorTitle', {
    number: indicator.number,
    name: lang === 'en' ? indicator.name_en : indicator.name_th,
  });
  const panelId = `indicator-${indicator.number}-details`;
  return (
    <Box
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
      pt="sm"
      component="section"
      aria-label={title}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm">
            {title}
          </Text>
          {inner.length > 0 && (
            <UnstyledButton
              onClick={onToggle}
              aria-expanded={open}
              aria-controls={panelId}
              c="indigo.7"
              fz="sm"
              style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
            >
              {open ? <ChevronDown /> : <ChevronRight />}
              {indicator.subIndicators.length > 0
                ? t('entry.subIndicatorsToggle', { n: indicator.subIndicators.length, q: questionCount })
                : t('entry.questionsToggle', { n: questionCount })}
              {innerErrors > 0 && (
                <Badge color="red" size="sm" ml={4}>
                  {t('entry.errorsBadge', { n: innerErrors })}
                </Badge>
              )}
            </UnstyledButton>
          )}
        </Stack>
        <ScoreField index={indicator.row} label="" accessibleLabel={t('entry.scoreOf', { what: title })} />
      </Group>
      {inner.length > 0 && (
        <Collapse expanded={open} id={panelId}>
          <Stack gap="xs" pt="xs" pl={{ base: 0, sm: 'md' }}>
            {indicator.questions.map((slot) => (
              <QuestionRow key={slot.question.code} slot={slot} />
            ))}
            {indicator.subIndicators.map((sub) => {
              const subTitle = t('entry.subIndicatorTitle', {
                code: sub.code,
                name: lang === 'en' ? sub.name_en : sub.name_th,
              });
              return (
                <Stack key={sub.code} gap="xs" component="section" aria-label={subTitle}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Text size="sm" fw={600}>
                      {subTitle}
                    </Text>
                    <ScoreField
                      index={sub.row}
                      label=""
                      accessibleLabel={t('entry.scoreOf', { what: subTitle })}
                    />
                  </Group>
                  <Stack gap="xs" pl={{ base: 0, sm: 'md' }}>
                    {sub.questions.map((slot) => (
                      <QuestionRow key={slot.question.code} slot={slot} />
                    ))}
                  </Stack>
                </Stack>
              );
            })}
          </Stack>
        </Collapse>
      )}
    </Box>
  );
}

function QuestionRow({ slot }: { slot: QuestionSlot }) {
  const { t } = useTranslation();
  const { question, row } = slot;
  const form = useFormContext<EntryValues>();
  const recommendation = useWatch({ control: form.control, name: `rows.${row}.recommendation` });
  const code = question.display_code;
  if (question.instrument === 'OIT') return <OitItemRow slot={slot} />;
  return (
    <Stack gap={2}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Text ff="monospace" size="sm" fw={700} w={44} style={{ flexShrink: 0 }}>
          {code}
        </Text>
        <Text size="sm" style={{ flex: 1, minWidth: 0 }} c={question.text_th ? undefined : 'dimmed'}>
          {question.text_th ?? t('catalogue.missingWording')}
        </Text>
        <ScoreField index={row} label="" accessibleLabel={t('entry.scoreOf', { what: code })} />
      </Group>
      {recommendation && (
        <Text size="xs" c="dimmed" pl={52}>
          {t('entry.recommendation')}: {recommendation}
        </Text>
      )}
    </Stack>
  );
}

function OitItemRow({ slot }: { slot: QuestionSlot }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { question, row } = slot;
  const form = useFormContext<EntryValues>();
  const passed = useWatch({ control: form.control, name: `rows.${row}.passed` });
  const reason = useWatch({ control: form.control, name: `rows.${row}.reason` });
  const recommendation = useWatch({ control: form.control, name: `rows.${row}.recommendation` });
  const [details, setDetails] = useState(false);
  const showDetails = details || passed === 'no' || !!reason || !!recommendation;
  const code = question.display_code;
  const fieldError = (field: RowField) => errorText(form.formState.errors.rows?.[row]?.[field]);
  return (
    <Stack
      gap={6}
      p="xs"
      bg={passed === 'no' ? 'red.0' : undefined}
      style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Text ff="monospace" size="sm" fw={700} w={44} style={{ flexShrink: 0 }}>
          {code}
        </Text>
        <Text size="sm" style={{ flex: 1, minWidth: 0 }} c={question.text_th ? undefined : 'dimmed'}>
          {question.text_th ?? t('catalogue.missingWording')}
        </Text>
      </Group>
      <Group gap="sm" wrap="wrap" align="center">
        <SegmentedControl
          size="xs"
          aria-label={t('entry.passedOf', { code })}
          value={passed}
          onChange={(value) =>
            form.setValue(`rows.${row}.passed`, value as '' | 'yes' | 'no', { shouldDirty: true })
          }
          data={[
            { value: 'yes', label: t('entry.passed') },
            { value: 'no', label: t('entry.failed') },
            { value: '', label: t('entry.passedUnknown') },
          ]}
          color={passed === 'no' ? 'red' : passed === 'yes' ? 'green' : undefined}
        />
        <ScoreField index={row} label="" accessibleLabel={t('entry.scoreOf', { what: code })} />
        {!showDetails && (
          <Button size="compact-xs" variant="subtle" onClick={() => setDetails(true)}>
            {t('entry.addReason')}
          </Button>
        )}
      </Group>
      {fieldError('passed') && (
        <Text size="xs" c="red.8">
          {fieldError('passed')}
        </Text>
      )}
      {showDetails && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Textarea
            label={t('entry.reason')}
            aria-label={`${t('entry.reason')} ${code}`}
            autosize
            minRows={1}
            maxRows={6}
            {...form.register(`rows.${row}.reason`)}
            error={fieldError('reason')}
          />
          <Textarea
            label={t('entry.recommendation')}
            aria-label={`${t('entry.recommendation')} ${code}`}
            autosize
            minRows={1}
            maxRows={6}
            {...form.register(`rows.${row}.recommendation`)}
            error={fieldError('recommendation')}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
