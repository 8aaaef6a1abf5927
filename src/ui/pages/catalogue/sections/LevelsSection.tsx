import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { useFormat } from '../../../format.ts';
import { itemName, Note } from './common.tsx';

/** The result levels (AA–F bands or words) and the pass threshold. */
export function LevelsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { levels } = edition;
  return (
    <Stack>
      <Group gap="xs">
        <Text>
          {t('catalogue.levelScheme')}: <strong>{t(`catalogue.scheme.${levels.scheme}`)}</strong>
        </Text>
        <ConfidenceBadge confidence={levels.confidence} />
      </Group>
      <Note text={levels.note} />
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label={t('catalogue.tabs.levels')} verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalogue.columns.code')}</Table.Th>
              <Table.Th>{t('catalogue.columns.name')}</Table.Th>
              <Table.Th ta="right">{t('catalogue.columns.minTotal')}</Table.Th>
              <Table.Th ta="right">{t('catalogue.columns.minEach')}</Table.Th>
              <Table.Th>{t('catalogue.columns.confidence')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.levels.map((level) => (
              <Table.Tr key={level.code}>
                <Table.Td fw={700}>{level.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{itemName(level, format.lang)}</Text>
                  <Note text={level.note} />
                </Table.Td>
                <Table.Td ta="right">{format.number(level.min_total)}</Table.Td>
                <Table.Td ta="right">
                  {level.min_each_instrument === undefined ? '—' : format.number(level.min_each_instrument)}
                </Table.Td>
                <Table.Td>
                  <ConfidenceBadge confidence={level.confidence} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group gap="xs">
        <Text>
          {t('catalogue.passThreshold')}: <strong>{format.number(levels.pass_threshold.min_total)}</strong>
        </Text>
        <ConfidenceBadge confidence={levels.pass_threshold.confidence} />
      </Group>
      <Note text={levels.pass_threshold.note} />
    </Stack>
  );
}
