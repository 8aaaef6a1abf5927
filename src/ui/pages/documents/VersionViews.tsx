import { Anchor, Box, Button, Collapse, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { type DocumentVersionRow, FORMAT_LABELS } from './common.ts';

const kb = (bytes: number) => Math.max(1, Math.round(bytes / 1024));

/** Plain download links, one per format of a version (the session cookie goes with them). */
function FileLinks({ version, compact = false }: { version: DocumentVersionRow; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (compact) {
    return (
      <Group gap="xs" wrap="wrap">
        {version.files.map((f) => (
          <Anchor
            key={f.format}
            href={f.url}
            download
            size="sm"
            aria-label={t('documents.downloadOf', { format: FORMAT_LABELS[f.format], n: version.versionNo })}
          >
            {FORMAT_LABELS[f.format]}
          </Anchor>
        ))}
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      {/* The size beside the link, not in it: a link's visible text must be part of its name. */}
      {version.files.map((f) => (
        <Group key={f.format} gap={6} wrap="nowrap">
          <Button
            component="a"
            href={f.url}
            download
            variant="light"
            size="compact-sm"
            aria-label={t('documents.download', { format: FORMAT_LABELS[f.format] })}
          >
            {FORMAT_LABELS[f.format]}
          </Button>
          <Text span size="xs" c="dimmed">
            {t('documents.size', { kb: format.number(kb(f.bytes), 0) })}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/** The newest version: who made it and when, its files, and the PDF shown in the page on demand. */
export function LatestVersion({ version }: { version: DocumentVersionRow | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [preview, setPreview] = useState(false);
  if (!version) {
    return (
      <Text size="sm" c="dimmed">
        {t('documents.noVersions')}
      </Text>
    );
  }
  const pdf = version.files.find((f) => f.format === 'pdf');
  const previewId = `document-preview-${version.id}`;
  return (
    <Paper withBorder p="xs" bg="gray.0">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" justify="space-between">
          <div>
            <Text fw={600} size="sm">
              {t('documents.latest')} · {t('documents.versionNo', { n: version.versionNo })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('documents.madeBy', {
                at: format.dateTime(version.createdAt),
                who: version.createdByName ?? t('documents.unknownUser'),
              })}{' '}
              · {version.inputsLabel}
            </Text>
          </div>
          <FileLinks version={version} />
        </Group>
        {pdf ? (
          <Box>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => setPreview((open) => !open)}
              aria-expanded={preview}
              aria-controls={previewId}
            >
              {preview ? t('documents.hidePreview') : t('documents.showPreview')}
            </Button>
            <div id={previewId}>
              {preview && (
                <iframe
                  src={api.documents.inlineUrl(pdf.url)}
                  title={t('documents.previewTitle', { title: version.title, n: version.versionNo })}
                  style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-4)' }}
                />
              )}
            </div>
          </Box>
        ) : (
          <Text size="xs" c="dimmed">
            {t('documents.noPdf')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Every version of one kind, newest first, behind a toggle. */
export function VersionTable({ versions, kindLabel }: { versions: DocumentVersionRow[]; kindLabel: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  if (versions.length === 0) return null;
  return (
    <Stack gap={4}>
      <Group>
        <Button size="compact-sm" variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('documents.hideVersions') : t('documents.showVersions', { n: versions.length })}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} striped aria-label={t('documents.versionsTable', { kind: kindLabel })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('documents.columns.version')}</Table.Th>
                <Table.Th>{t('documents.columns.createdAt')}</Table.Th>
                <Table.Th>{t('documents.columns.createdBy')}</Table.Th>
                <Table.Th>{t('documents.columns.inputs')}</Table.Th>
                <Table.Th>{t('documents.columns.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{v.versionNo}</Table.Td>
                  <Table.Td>{format.dateTime(v.createdAt)}</Table.Td>
                  <Table.Td>{v.createdByName ?? t('documents.unknownUser')}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lang="th">
                      {v.inputsLabel}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <FileLinks version={v} compact />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Collapse>
    </Stack>
  );
}
