import {
  Checkbox,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentKindName, DocumentOptions } from '#shared/documents/contract.ts';
import { bangkokToday, EARLIEST_DATE } from '#shared/format/date-bounds.ts';
import { BeDateInput } from '../../components/BeDateInput.tsx';
import { type DocumentSettingsBody, fromLines, toLines, USES_NUMBER, USES_SIGNER } from './common.ts';

/** The options as the form holds them: the signer's positions as the text of a textarea. */
export type OptionsDraft = Omit<DocumentOptions, 'signer'> & { signerName: string; positionsText: string };

export const MAX_POSITIONS = 5;

export function draftOfOptions(options: DocumentOptions): OptionsDraft {
  const { signer, ...rest } = options;
  return { ...rest, signerName: signer.name, positionsText: fromLines(signer.positions) };
}

export function optionsOfDraft(draft: OptionsDraft): DocumentOptions {
  const { signerName, positionsText, ...rest } = draft;
  return {
    ...rest,
    documentNumber: rest.documentNumber.trim(),
    signer: { name: signerName.trim(), positions: toLines(positionsText) },
  };
}

export const tooManyPositions = (draft: OptionsDraft) => toLines(draft.positionsText).length > MAX_POSITIONS;

/** Digits, font, emblem, signer, number and date of one kind of document (fields its layout ignores are left out). */
export function OptionsForm({
  kind,
  idPrefix,
  value,
  onChange,
  settings,
  onDateValidityChange,
}: {
  kind: DocumentKindName;
  idPrefix: string;
  value: OptionsDraft;
  onChange: (next: OptionsDraft) => void;
  settings: DocumentSettingsBody;
  /** Told whether the date field holds a date that was read (the generate button waits for one). */
  onDateValidityChange?: (valid: boolean) => void;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof OptionsDraft>(key: K, v: OptionsDraft[K]) => onChange({ ...value, [key]: v });

  const fonts = settings.fonts.map((f) => ({
    value: f.source === 'bundled' ? 'bundled' : f.family,
    label:
      f.source === 'bundled'
        ? t('documents.options.fontBundled', { family: f.family })
        : f.bold
          ? f.family
          : t('documents.options.fontNoBold', { family: f.family }),
  }));
  if (!fonts.some((f) => f.value === value.font)) {
    fonts.push({ value: value.font, label: t('documents.options.fontMissing', { family: value.font }) });
  }

  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600} size="sm" p={0}>
        {t('documents.options.title')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        <Radio.Group
          label={t('documents.options.digits')}
          value={value.digits}
          onChange={(v) => set('digits', v === 'arabic' ? 'arabic' : 'thai')}
        >
          <Group gap="md" mt={4}>
            <Radio value="thai" label={t('documents.options.digitsThai')} />
            <Radio value="arabic" label={t('documents.options.digitsArabic')} />
          </Group>
        </Radio.Group>
        <NativeSelect
          label={t('documents.options.font')}
          value={value.font}
          onChange={(e) => set('font', e.currentTarget.value)}
          data={fonts}
        />
      </SimpleGrid>
      {kind === 'analysis' && (
        <NativeSelect
          label={t('documents.options.indicatorOrder')}
          value={value.indicatorOrder}
          onChange={(e) => set('indicatorOrder', e.currentTarget.value === 'score' ? 'score' : 'number')}
          data={[
            { value: 'number', label: t('documents.options.indicatorOrderNumber') },
            { value: 'score', label: t('documents.options.indicatorOrderScore') },
          ]}
        />
      )}
      <Checkbox
        label={t('documents.options.useEmblem')}
        description={settings.emblem ? undefined : t('documents.options.noEmblem')}
        checked={value.useEmblem}
        onChange={(e) => set('useEmblem', e.currentTarget.checked)}
      />
      {USES_SIGNER.includes(kind) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
          <TextInput
            id={`${idPrefix}-signer`}
            label={t('documents.options.signerName')}
            description={t('documents.options.signerNameHelp')}
            value={value.signerName}
            onChange={(e) => set('signerName', e.currentTarget.value)}
            maxLength={500}
          />
          <Textarea
            label={t('documents.options.signerPositions')}
            description={t('documents.options.signerPositionsHelp')}
            value={value.positionsText}
            onChange={(e) => set('positionsText', e.currentTarget.value)}
            error={tooManyPositions(value) ? t('documents.options.tooManyPositions') : undefined}
            autosize
            minRows={2}
            maxRows={MAX_POSITIONS + 1}
          />
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        {USES_NUMBER.includes(kind) && (
          <TextInput
            label={t('documents.options.documentNumber')}
            description={t('documents.options.documentNumberHelp')}
            leftSection={<Text size="sm">ที่</Text>}
            leftSectionWidth={36}
            value={value.documentNumber}
            onChange={(e) => set('documentNumber', e.currentTarget.value)}
            maxLength={500}
          />
        )}
        <BeDateInput
          label={t('documents.options.documentDate')}
          description={t('documents.options.documentDateHelp')}
          value={value.documentDate}
          onChange={(v) => set('documentDate', v ?? '')}
          onValidityChange={onDateValidityChange}
          // The documents' own range: 1 January 2500 BE to the end of next year (documentDateInRange).
          minDate={EARLIEST_DATE}
          maxDate={`${Number(bangkokToday().slice(0, 4)) + 1}-12-31`}
        />
      </SimpleGrid>
    </Stack>
  );
}
