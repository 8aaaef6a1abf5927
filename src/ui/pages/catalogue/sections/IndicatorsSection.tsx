import { Badge, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { useLang } from '../../../i18n/index.ts';
import { itemName } from './common.tsx';

/** The indicators, each followed by its sub-indicators. */
export function IndicatorsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('editionPage.tabs.indicators')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={72}>{t('editionPage.columns.number')}</Table.Th>
            <Table.Th>{t('editionPage.columns.name')}</Table.Th>
            <Table.Th w={120}>{t('editionPage.columns.instrument')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {edition.indicators.map((indicator) => (
            <Fragment key={indicator.number}>
              <Table.Tr bg="gray.0">
                <Table.Td fw={700}>{indicator.number}</Table.Td>
                <Table.Td>
                  <Text fw={500} size="sm">
                    {itemName(indicator, lang)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{indicator.instrument}</Badge>
                </Table.Td>
              </Table.Tr>
              {edition.sub_indicators
                .filter((sub) => sub.indicator === indicator.number)
                .map((sub) => (
                  <Table.Tr key={sub.code}>
                    <Table.Td pl="xl">{sub.code}</Table.Td>
                    <Table.Td pl="xl">
                      <Text size="sm">{itemName(sub, lang)}</Text>
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
