import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { Note } from './common.tsx';

/** Where the facts of the edition come from, and how reliable each source is. */
export function SourcesSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('catalogue.tabs.sources')} verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogue.columns.sourceId')}</Table.Th>
            <Table.Th>{t('catalogue.columns.source')}</Table.Th>
            <Table.Th>{t('catalogue.columns.reliability')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {edition.sources.map((source) => (
            <Table.Tr key={source.id}>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {source.id}
                </Text>
              </Table.Td>
              <Table.Td>
                {source.url ? (
                  <Anchor href={source.url} target="_blank" rel="noopener noreferrer" size="sm">
                    {source.title}
                  </Anchor>
                ) : (
                  <Text size="sm">{source.title}</Text>
                )}
                <Note text={source.reliability_note} />
              </Table.Td>
              <Table.Td>
                <ConfidenceBadge confidence={source.reliability} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
