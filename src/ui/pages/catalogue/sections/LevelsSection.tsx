import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { useFormat } from '../../../format.ts';
import { itemName } from './common.tsx';

/** The result levels (AA–F bands or worded levels with their conditions) and the pass mark. */
export function LevelsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { levels } = edition;
  const bands = levels.scheme === 'bands';
  return (
    <Stack>
      <Text size="sm">{t(bands ? 'editionPage.levelsBands' : 'editionPage.levelsWords')}</Text>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label={t('editionPage.tabs.levels')} verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('editionPage.columns.level')}</Table.Th>
              <Table.Th ta="right">{t('editionPage.columns.minTotal')}</Table.Th>
              {!bands && <Table.Th ta="right">{t('editionPage.columns.minEach')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.levels.map((level) => (
              <Table.Tr key={level.code}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {bands ? `${level.code} ${itemName(level, format.lang)}` : itemName(level, format.lang)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{format.number(level.min_total)}</Table.Td>
                {!bands && (
                  <Table.Td ta="right">
                    {level.min_each_instrument === undefined ? '—' : format.number(level.min_each_instrument)}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm">
        {t('editionPage.passThreshold', { score: format.number(levels.pass_threshold.min_total) })}
      </Text>
    </Stack>
  );
}
