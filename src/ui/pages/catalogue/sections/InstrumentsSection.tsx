import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { useFormat } from '../../../format.ts';
import { itemName, Note } from './common.tsx';

export function InstrumentsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('catalogue.tabs.instruments')} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogue.columns.code')}</Table.Th>
            <Table.Th>{t('catalogue.columns.name')}</Table.Th>
            <Table.Th>{t('catalogue.columns.weight')}</Table.Th>
            <Table.Th>{t('catalogue.columns.confidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {edition.instruments.map((instrument) => (
            <Table.Tr key={instrument.code}>
              <Table.Td fw={700}>{instrument.code}</Table.Td>
              <Table.Td>
                <Text>{itemName(instrument, format.lang)}</Text>
                <Text size="xs" c="dimmed">
                  {format.lang === 'en' ? instrument.name_th : instrument.name_en}
                </Text>
                <Note text={instrument.note} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {instrument.weight_percent === null ? (
                    <Badge color="orange" variant="outline" tt="none">
                      {t('catalogue.weightUnknown')}
                    </Badge>
                  ) : (
                    <Text fw={500}>{format.number(instrument.weight_percent)}%</Text>
                  )}
                  {instrument.weight_confidence && (
                    <ConfidenceBadge
                      confidence={instrument.weight_confidence}
                      what={t('catalogue.columns.weight')}
                    />
                  )}
                </Group>
                <Note text={instrument.weight_note} />
              </Table.Td>
              <Table.Td>
                <ConfidenceBadge confidence={instrument.confidence} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
