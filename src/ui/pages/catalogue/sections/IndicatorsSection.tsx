import { Badge, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { useLang } from '../../../i18n/index.ts';
import { itemName, Note } from './common.tsx';

/** The indicators, each followed by its sub-indicators. */
export function IndicatorsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('catalogue.tabs.indicators')} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogue.columns.number')}</Table.Th>
            <Table.Th>{t('catalogue.columns.name')}</Table.Th>
            <Table.Th>{t('catalogue.columns.instrument')}</Table.Th>
            <Table.Th>{t('catalogue.columns.confidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {edition.indicators.map((indicator) => (
            <Fragment key={indicator.number}>
              <Table.Tr bg="gray.0">
                <Table.Td fw={700}>{indicator.number}</Table.Td>
                <Table.Td>
                  <Text fw={500}>{itemName(indicator, lang)}</Text>
                  <Note text={indicator.note} />
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{indicator.instrument}</Badge>
                </Table.Td>
                <Table.Td>
                  <ConfidenceBadge confidence={indicator.confidence} />
                </Table.Td>
              </Table.Tr>
              {edition.sub_indicators
                .filter((sub) => sub.indicator === indicator.number)
                .map((sub) => (
                  <Table.Tr key={sub.code}>
                    <Table.Td pl="xl">{sub.code}</Table.Td>
                    <Table.Td pl="xl">
                      <Text size="sm">{itemName(sub, lang)}</Text>
                      {sub.name_th_alternatives && (
                        <Text size="xs" c="dimmed">
                          {t('catalogue.alternatives')}: {sub.name_th_alternatives.join(' · ')}
                        </Text>
                      )}
                      <Note text={sub.note} />
                    </Table.Td>
                    <Table.Td />
                    <Table.Td>
                      <ConfidenceBadge confidence={sub.confidence} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
