import { Anchor, Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EditionSummaryRow, queryKeys } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { Link } from '../../router.tsx';
import { usePermissions } from '../../session.tsx';
import { FrameworkImportModal } from './FrameworkImportModal.tsx';
import { ImportEditionModal } from './ImportEditionModal.tsx';

/** The ITA editions (one per fiscal year) the catalogue holds, newest first. */
export function EditionsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [importing, setImporting] = useState(false);
  const [importingXlsx, setImportingXlsx] = useState(false);
  const query = useQuery({ queryKey: queryKeys.editions, queryFn: api.catalogue.editions });
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('catalogue.title')}</Title>
        {permissions.isDeploymentAdmin && (
          <Group gap="xs" wrap="wrap">
            <Button component="a" href={api.catalogue.frameworkTemplateUrl()} download variant="default">
              {t('frameworkImport.downloadTemplate')}
            </Button>
            <Button onClick={() => setImportingXlsx(true)}>{t('frameworkImport.open')}</Button>
            <Button variant="light" onClick={() => setImporting(true)}>
              {t('catalogue.import')}
            </Button>
          </Group>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('catalogue.intro')}
      </Text>
      <QueryState query={query}>{(editions) => <EditionsTable editions={editions} />}</QueryState>
      {importing && <ImportEditionModal onClose={() => setImporting(false)} />}
      {importingXlsx && <FrameworkImportModal onClose={() => setImportingXlsx(false)} />}
    </Stack>
  );
}

function EditionsTable({ editions }: { editions: EditionSummaryRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (editions.length === 0) return <Text>{t('catalogue.empty')}</Text>;
  const sorted = [...editions].sort((a, b) => b.fiscalYear - a.fiscalYear);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-label={t('catalogue.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogue.columns.fiscalYear')}</Table.Th>
            <Table.Th>{t('catalogue.columns.title')}</Table.Th>
            <Table.Th ta="right">{t('catalogue.columns.indicators')}</Table.Th>
            <Table.Th ta="right">IIT</Table.Th>
            <Table.Th ta="right">EIT</Table.Th>
            <Table.Th ta="right">OIT</Table.Th>
            <Table.Th>{t('catalogue.columns.uncertain')}</Table.Th>
            <Table.Th>{t('catalogue.columns.revision')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('frameworkImport.export')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((edition) => (
            <Table.Tr key={edition.revisionId}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/catalogue/${edition.fiscalYear}`}
                  fw={700}
                  aria-label={t('catalogue.fiscalYearLabel', { year: edition.fiscalYear })}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('catalogue.fiscalYearShort', { year: edition.fiscalYear })}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.lang === 'en' ? edition.titleEn : edition.titleTh}</Text>
              </Table.Td>
              <Table.Td ta="right">{format.number(edition.counts.indicators)}</Table.Td>
              <Table.Td ta="right">{format.number(edition.counts.questions.IIT)}</Table.Td>
              <Table.Td ta="right">{format.number(edition.counts.questions.EIT)}</Table.Td>
              <Table.Td ta="right">{format.number(edition.counts.questions.OIT)}</Table.Td>
              <Table.Td>
                {edition.counts.uncertain > 0 ? (
                  <Badge color="orange" variant="light" tt="none">
                    {t('catalogue.uncertainCount', { n: edition.counts.uncertain })}
                  </Badge>
                ) : (
                  <Badge color="green" variant="light" tt="none">
                    {t('catalogue.noUncertain')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t('catalogue.revisionLabel', { revision: edition.revision })} ·{' '}
                  {t(edition.origin === 'bundled' ? 'catalogue.originBundled' : 'catalogue.originUpload')}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {format.dateTime(edition.importedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  href={api.catalogue.editionXlsxUrl(edition.fiscalYear)}
                  download
                  size="sm"
                  aria-label={t('frameworkImport.exportLabel', { year: edition.fiscalYear })}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('frameworkImport.export')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
