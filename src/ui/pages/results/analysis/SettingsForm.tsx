import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditionGrouping } from '#shared/catalogue/edition.schema.ts';
import type { ErrorDetail } from '#shared/http/api-error.ts';
import { type AnalysisBody, ApiRequestError, api, queryKeys } from '../../../api.ts';
import { useFieldValidity } from '../../../components/BeDateInput.tsx';
import { NumberField } from '../../../components/DigitInput.tsx';
import { FormError } from '../../../components/FormError.tsx';
import { Cross } from '../../../components/icons.tsx';
import { useLang } from '../../../i18n/index.ts';
import { useLeaveGuard } from '../../../router.tsx';
import { checkDraft, draftOf, type SettingsDraft } from './settings.ts';

/** Thresholds (or bottom/top N), what is judged and the grouping; saving recomputes the findings. */
export function SettingsForm({
  analysis,
  groupings,
  canWrite,
}: {
  analysis: AnalysisBody;
  groupings: EditionGrouping[];
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(analysis.settings));
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  useLeaveGuard(
    canWrite && JSON.stringify(draft) !== JSON.stringify(draftOf(analysis.settings)),
    t('drafts.leave'),
  );
  const { invalid: numbersInvalid, validity: fieldValidity } = useFieldValidity();
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const errorAt = (path: string) => {
    const found = errors.find((e) => e.path === path);
    return found ? (lang === 'th' ? found.message_th : found.message_en) : undefined;
  };

  const save = useMutation({
    mutationFn: (settings: AnalysisBody['settings']) =>
      api.analyses.update(analysis.id, { version: analysis.version, settings }),
    onSuccess: (updated) => {
      setDraft(draftOf(updated.settings));
      queryClient.setQueryData(queryKeys.analysis(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.resultAnalyses(updated.resultId) });
      notifications.show({ color: 'green', message: t('analysis.settings.saved') });
    },
    onError: (error) => {
      if (!(error instanceof ApiRequestError)) return;
      setErrors(
        error.details
          .filter((d) => d.path.startsWith('settings.'))
          .map((d) => ({ ...d, path: d.path.slice('settings.'.length) })),
      );
    },
  });

  const submit = () => {
    save.reset();
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    save.mutate(checked.settings);
  };

  const numberInput = (key: keyof SettingsDraft, label: string, options: { integer?: boolean } = {}) => (
    <NumberField
      label={label}
      value={typeof draft[key] === 'number' ? (draft[key] as number) : null}
      onChange={(value) => set(key, (value ?? '') as never)}
      onValidityChange={fieldValidity(key)}
      min={options.integer ? 1 : 0}
      max={100}
      integer={options.integer}
      error={errorAt(key)}
      disabled={!canWrite}
    />
  );
  const serverFieldPaths = errors.map((e) => `settings.${e.path}`);

  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-labelledby="analysis-settings-title"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack>
          <Title order={3} size="h4" id="analysis-settings-title">
            {t('analysis.settings.title')}
          </Title>
          <SegmentedControl
            aria-label={t('analysis.settings.mode')}
            value={draft.mode}
            onChange={(value) => set('mode', value as SettingsDraft['mode'])}
            data={[
              { value: 'thresholds', label: t('analysis.settings.modeThresholds') },
              { value: 'rank', label: t('analysis.settings.modeRank') },
            ]}
            disabled={!canWrite}
            fullWidth
            maw={520}
            // The labels wrap on a phone instead of running past the card.
            styles={{ label: { whiteSpace: 'normal', lineHeight: 1.3 } }}
          />
          {draft.mode === 'thresholds' ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {numberInput('urgentBelow', t('analysis.settings.urgentBelow'))}
              {numberInput('developBelow', t('analysis.settings.developBelow'))}
              {numberInput('strengthAtOrAbove', t('analysis.settings.strengthAtOrAbove'))}
            </SimpleGrid>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {numberInput('urgentBottomN', t('analysis.settings.urgentBottomN'), { integer: true })}
              {numberInput('strengthTopN', t('analysis.settings.strengthTopN'), { integer: true })}
            </SimpleGrid>
          )}
          <Text size="xs" c="dimmed">
            {t(
              draft.mode === 'thresholds' ? 'analysis.settings.thresholdsHelp' : 'analysis.settings.rankHelp',
            )}
          </Text>

          <Radio.Group
            label={t('analysis.settings.judge')}
            value={draft.judge}
            onChange={(value) => set('judge', value as SettingsDraft['judge'])}
          >
            <Group mt={6} gap="lg">
              <Radio value="questions" label={t('analysis.settings.judgeQuestions')} disabled={!canWrite} />
              <Radio value="indicators" label={t('analysis.settings.judgeIndicators')} disabled={!canWrite} />
            </Group>
          </Radio.Group>

          <Radio.Group
            label={t('analysis.settings.grouping')}
            value={draft.grouping}
            onChange={(value) => set('grouping', value)}
            error={errorAt('grouping.code') ?? errorAt('grouping')}
          >
            <Stack mt={6} gap={6}>
              <Radio value="indicators" label={t('analysis.settings.byIndicator')} disabled={!canWrite} />
              {groupings.map((g) => (
                <Radio
                  key={g.code}
                  value={`catalogue:${g.code}`}
                  label={
                    g.code === 'issues-7'
                      ? t('analysis.settings.byIssues7')
                      : `${lang === 'en' ? g.name_en : g.name_th} (${g.code})`
                  }
                  disabled={!canWrite}
                />
              ))}
              <Radio value="custom" label={t('analysis.settings.custom')} disabled={!canWrite} />
            </Stack>
          </Radio.Group>

          {draft.grouping === 'custom' && (
            <CustomGroups draft={draft} setDraft={setDraft} errorAt={errorAt} disabled={!canWrite} />
          )}

          <FormError error={save.error} fields={serverFieldPaths} />
          {canWrite && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={numbersInvalid}>
                {t('analysis.settings.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function CustomGroups({
  draft,
  setDraft,
  errorAt,
  disabled,
}: {
  draft: SettingsDraft;
  setDraft: (update: (current: SettingsDraft) => SettingsDraft) => void;
  errorAt: (path: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<SettingsDraft['groups'][number]>) =>
    setDraft((current) => ({
      ...current,
      groups: current.groups.map((g, i) => (i === index ? { ...g, ...patch } : g)),
    }));
  return (
    <Stack gap="sm" aria-label={t('analysis.settings.customGroups')} role="group">
      <Text size="sm" fw={500}>
        {t('analysis.settings.customGroups')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('analysis.settings.customHelp')}
      </Text>
      {draft.groups.map((group, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: groups have no identity but their place
        <Paper key={index} withBorder p="xs">
          <Group align="flex-start" wrap="nowrap" gap="xs">
            <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ flex: 1 }} spacing="xs">
              <TextInput
                label={t('analysis.settings.groupNameTh', { n: index + 1 })}
                value={group.name_th}
                onChange={(event) => update(index, { name_th: event.currentTarget.value })}
                error={errorAt(`grouping.groups[${index}].name_th`)}
                required
                disabled={disabled}
              />
              <TextInput
                label={t('analysis.settings.groupNameEn', { n: index + 1 })}
                value={group.name_en}
                onChange={(event) => update(index, { name_en: event.currentTarget.value })}
                error={errorAt(`grouping.groups[${index}].name_en`)}
                disabled={disabled}
              />
              <TextInput
                label={t('analysis.settings.groupCodes', { n: index + 1 })}
                placeholder="i1, i2, e5, o14, 6"
                value={group.codes}
                onChange={(event) => update(index, { codes: event.currentTarget.value })}
                error={errorAt(`grouping.groups[${index}].codes`)}
                required
                disabled={disabled}
              />
            </SimpleGrid>
            <ActionIcon
              variant="subtle"
              color="red"
              mt={28}
              aria-label={t('analysis.settings.removeGroup', { n: index + 1 })}
              disabled={disabled || draft.groups.length === 1}
              onClick={() =>
                setDraft((current) => ({ ...current, groups: current.groups.filter((_, i) => i !== index) }))
              }
            >
              <Cross />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {errorAt('grouping.groups') && (
        <Text size="sm" c="red.8">
          {errorAt('grouping.groups')}
        </Text>
      )}
      <Group>
        <Button
          size="xs"
          variant="light"
          disabled={disabled}
          onClick={() =>
            setDraft((current) => ({
              ...current,
              groups: [...current.groups, { name_th: '', name_en: '', codes: '' }],
            }))
          }
        >
          {t('analysis.settings.addGroup')}
        </Button>
      </Group>
    </Stack>
  );
}
