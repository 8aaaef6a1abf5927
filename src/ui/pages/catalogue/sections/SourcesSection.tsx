import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { ResearchNote } from './common.tsx';

/** Where the facts of the edition come from, and how reliable each source is (admins' provenance view). */
export function SourcesSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label={t('editionPage.provenance.sources')} verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('editionPage.provenance.columns.id')}</Table.Th>
            <Table.Th>{t('editionPage.provenance.columns.source')}</Table.Th>
            <Table.Th w={150}>{t('editionPage.provenance.columns.reliability')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {edition.sources.map((source) => (
            <Table.Tr key={source.id}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text ff="monospace" size="sm">
                  {source.id}
                </Text>
              </Table.Td>
              <Table.Td>
                {source.url ? (
                  <Anchor href={source.url} target="_blank" rel="noopener noreferrer" size="sm" lang="en">
                    {source.title}
                  </Anchor>
                ) : (
                  <Text size="sm" lang="en">
                    {source.title}
                  </Text>
                )}
                {source.used_for && (
                  <Text size="sm">
                    <Text span size="xs" fw={700} mr={6}>
                      {t('editionPage.provenance.usedFor')}:
                    </Text>
                    <span lang="en">{source.used_for}</span>
                  </Text>
                )}
                <ResearchNote text={source.reliability_note} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <ConfidenceBadge confidence={source.reliability} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
