import {
  Alert,
  Button,
  FileInput,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrameworkIssue, FrameworkPreview } from '#shared/catalogue/contract.ts';
import { api } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { readAsBase64 } from '../results/import/readFile.ts';

/**
 * Import a whole ITA framework from an XLSX laid out as the template: the file is previewed at once
 * (what it holds, what changes against the current revision of its year, every error by sheet, row
 * and column); the admin confirms to write it, all or nothing.
 */
export function FrameworkImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const request = async (chosen: File, commit: boolean) =>
    api.catalogue.importFramework({
      fileName: chosen.name,
      contentBase64: await readAsBase64(chosen),
      commit,
    });
  const preview = useMutation({ mutationFn: (chosen: File) => request(chosen, false) });
  const commit = useMutation({
    mutationFn: (chosen: File) => request(chosen, true),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['catalogue'] });
      notifications.show({
        color: 'green',
        message: t('frameworkImport.committed', {
          year: result.summary?.fiscalYear ?? result.fiscalYear,
          revision: result.summary?.revision ?? result.currentRevision,
        }),
      });
      onClose();
    },
  });
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetCommit } = commit;
  useEffect(() => {
    resetCommit();
    if (file) runPreview(file);
    else resetPreview();
  }, [file, runPreview, resetPreview, resetCommit]);

  const data = preview.data;
  const ready =
    data !== undefined && data.errors.length === 0 && data.action !== null && data.action !== 'unchanged';
  return (
    <Modal opened onClose={onClose} title={t('frameworkImport.title')} size="xl" centered>
      <Stack>
        <Text size="sm">{t('frameworkImport.intro')}</Text>
        <FileInput
          label={t('frameworkImport.file')}
          placeholder={t('frameworkImport.placeholder')}
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
        />
        {preview.isPending && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('frameworkImport.checking')}</Text>
          </Group>
        )}
        {preview.error && <FormError error={preview.error} />}
        {commit.error && <FormError error={commit.error} />}
        {data && <PreviewView preview={data} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!ready || !file}
            loading={commit.isPending}
            onClick={() => file && commit.mutate(file)}
          >
            {t('frameworkImport.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewView({ preview }: { preview: FrameworkPreview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const year = preview.fiscalYear;
  return (
    <Stack gap="sm">
      {preview.action === 'new_edition' && (
        <Alert color="blue">{t('frameworkImport.actionNewEdition', { year })}</Alert>
      )}
      {preview.action === 'new_revision' && (
        <Alert color="blue">
          {t('frameworkImport.actionNewRevision', { year, revision: preview.currentRevision })}
        </Alert>
      )}
      {preview.action === 'unchanged' && (
        <Alert color="gray">{t('frameworkImport.actionUnchanged', { year })}</Alert>
      )}

      {preview.errors.length > 0 ? (
        <Alert
          color="red"
          role="alert"
          title={t('frameworkImport.errorsTitle', { n: preview.errors.length + preview.moreErrors })}
        >
          <IssueTable issues={preview.errors} label={t('frameworkImport.errorsLabel')} />
          {preview.moreErrors > 0 && (
            <Text size="sm" mt="xs">
              {t('frameworkImport.moreErrors', { n: preview.moreErrors })}
            </Text>
          )}
        </Alert>
      ) : (
        <Alert color="green" title={t('frameworkImport.noErrors')} />
      )}
      {preview.warnings.length > 0 && (
        <Alert color="yellow" title={t('frameworkImport.warningsTitle', { n: preview.warnings.length })}>
          <IssueTable issues={preview.warnings} label={t('frameworkImport.warningsLabel')} />
        </Alert>
      )}

      {preview.counts && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('frameworkImport.summaryTitle')}
            {preview.titleTh ? ` · ${preview.titleTh}` : ''}
          </Title>
          <Table withTableBorder aria-label={t('frameworkImport.summaryLabel')}>
            <Table.Tbody>
              {(
                [
                  ['instruments', preview.counts.instruments],
                  ['indicators', preview.counts.indicators],
                  ['subIndicators', preview.counts.subIndicators],
                  [
                    'questions',
                    [preview.counts.questions.IIT, preview.counts.questions.EIT, preview.counts.questions.OIT]
                      .map((n) => format.number(n))
                      .join(' / '),
                  ],
                  ['questionsWithoutWording', preview.counts.questionsWithoutWording],
                  ['levels', preview.counts.levels],
                  ['groupings', preview.counts.groupings],
                  ['mappingPairs', preview.counts.mappingPairs],
                  ['sources', preview.counts.sources],
                ] as const
              ).map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th w="50%">{t(`frameworkImport.counts.${key}`)}</Table.Th>
                  <Table.Td ta="right">{typeof value === 'number' ? format.number(value) : value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}

      {preview.changes.length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('frameworkImport.changesTitle')}
          </Title>
          <Table withTableBorder withColumnBorders aria-label={t('frameworkImport.changesLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('frameworkImport.changeColumns.part')}</Table.Th>
                <Table.Th>{t('frameworkImport.changeColumns.added')}</Table.Th>
                <Table.Th>{t('frameworkImport.changeColumns.removed')}</Table.Th>
                <Table.Th>{t('frameworkImport.changeColumns.changed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.changes.map((c) => (
                <Table.Tr key={c.part}>
                  <Table.Td>{t(`frameworkImport.parts.${c.part}`)}</Table.Td>
                  <Table.Td>
                    <Codes codes={c.added} />
                  </Table.Td>
                  <Table.Td>
                    <Codes codes={c.removed} />
                  </Table.Td>
                  <Table.Td>
                    <Codes codes={c.changed} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}

function Codes({ codes }: { codes: string[] }) {
  if (codes.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
      {codes.join(', ')}
    </Text>
  );
}

/**
 * A message split into the place it starts with (the table shows the place in its own columns) and
 * what is wrong; the column's header, in the message's language, is read from the place.
 */
function splitPlace(message: string, issue: FrameworkIssue): { header: string | null; text: string } {
  const placed = issue.sheet !== null && (message.startsWith('แผ่นงาน "') || message.startsWith('sheet "'));
  const at = placed ? message.indexOf(': ') : -1;
  if (at < 0) return { header: null, text: message };
  const place = message.slice(0, at);
  return { header: /\((.*)\)$/.exec(place)?.[1] ?? null, text: message.slice(at + 2) };
}

function IssueTable({ issues, label }: { issues: FrameworkIssue[]; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ScrollArea.Autosize mah={320}>
      <Table withTableBorder withColumnBorders aria-label={label} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('frameworkImport.issueColumns.sheet')}</Table.Th>
            <Table.Th>{t('frameworkImport.issueColumns.row')}</Table.Th>
            <Table.Th>{t('frameworkImport.issueColumns.column')}</Table.Th>
            <Table.Th>{t('frameworkImport.issueColumns.message')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((issue, index) => {
            const { header, text } = splitPlace(lang === 'th' ? issue.message_th : issue.message_en, issue);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: one cell may carry several issues
              <Table.Tr key={index}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{issue.sheet ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {issue.row ?? (issue.column ? t('frameworkImport.allRows') : '—')}
                </Table.Td>
                <Table.Td miw={140}>
                  {issue.column ?? '—'}
                  {header && (
                    <Text span size="xs" c="dimmed" display="block">
                      {header}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{text}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
