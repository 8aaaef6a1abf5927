import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { useFormat } from '../../../format.ts';
import { itemName } from './common.tsx';

/** The three instruments with their weights, and how the total is made from them. */
export function InstrumentsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const weighted = edition.instruments.every((i) => i.weight_percent !== null);
  return (
    <Stack>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={t('editionPage.tabs.instruments')} verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={72}>{t('editionPage.columns.code')}</Table.Th>
              <Table.Th>{t('editionPage.columns.name')}</Table.Th>
              <Table.Th w={120} ta="right">
                {t('editionPage.columns.weight')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {edition.instruments.map((instrument) => (
              <Table.Tr key={instrument.code}>
                <Table.Td fw={700}>{instrument.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{itemName(instrument, format.lang)}</Text>
                  <Text size="xs" c="dimmed">
                    {format.lang === 'en' ? instrument.name_th : instrument.name_en}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {instrument.weight_percent === null ? (
                    <Text size="sm">{t('editionPage.weightUnknown')}</Text>
                  ) : (
                    <Text size="sm" fw={500}>
                      {format.number(instrument.weight_percent)}%
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {edition.scoring && weighted && (
        <Text size="sm">
          {t('editionPage.scoring', { decimals: format.number(edition.scoring.decimals) })}
        </Text>
      )}
    </Stack>
  );
}
