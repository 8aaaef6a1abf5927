import { Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrganizationRow, ResultSummaryRow } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { orgName } from '../organizations/names.ts';
import { levelMismatch, levelName, useEditionLevels, useScoreText } from './common.ts';
import { resultPaths } from './paths.ts';

/** The results found: total, computed level beside the level the source states, and the actions. */
export function ResultsTable({
  rows,
  organizations,
  canWrite,
  onAnalyses,
}: {
  rows: ResultSummaryRow[];
  organizations: OrganizationRow[];
  canWrite: (organizationId: string) => boolean;
  onAnalyses: (row: ResultSummaryRow) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const score = useScoreText();
  const level = useEditionLevels(rows.map((r) => r.editionYear));
  const byId = new Map(organizations.map((o) => [o.id, o]));

  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('results.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('results.columns.organization')}</Table.Th>
            <Table.Th>{t('results.columns.fiscalYear')}</Table.Th>
            <Table.Th>{t('results.columns.edition')}</Table.Th>
            <Table.Th ta="right">{t('results.columns.total')}</Table.Th>
            <Table.Th>{t('results.columns.computedLevel')}</Table.Th>
            <Table.Th>{t('results.columns.statedLevel')}</Table.Th>
            <Table.Th ta="right">{t('results.columns.scores')}</Table.Th>
            <Table.Th>{t('results.columns.updated')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const org = byId.get(row.organizationId);
            const name = org ? orgName(org, lang) : row.organizationNameTh;
            const computed = level(row.editionYear, row.computedLevel);
            const mismatch = levelMismatch(row.statedLevel, computed);
            return (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {name}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {row.organizationCode}
                  </Text>
                </Table.Td>
                <Table.Td>{row.fiscalYear}</Table.Td>
                <Table.Td>{row.editionYear}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={700}>
                    {score(row.total)}
                  </Text>
                  {row.totalDerived && (
                    <Text size="xs" c="dimmed">
                      {t('results.totalDerived')}
                    </Text>
                  )}
                  {row.totalDiffersFrom !== null && (
                    <Text size="xs" c="red.8">
                      {t('results.totalDiffers', { value: score(row.totalDiffersFrom) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{levelName(computed, row.computedLevelName_th, lang)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{row.statedLevel ?? '—'}</Text>
                    {mismatch && (
                      <Tooltip label={t('results.mismatchExplained')} multiline w={260} withArrow>
                        <Badge color="red" variant="filled" aria-label={t('results.mismatchExplained')}>
                          ≠ {t('results.mismatch')}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{row.scoreCount}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.dateTime(row.updatedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => onAnalyses(row)}
                      aria-label={t('results.analysesOf', { name, year: row.fiscalYear })}
                    >
                      {t('results.analyses')}
                    </Button>
                    {canWrite(row.organizationId) && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        component={Link}
                        to={resultPaths.entry(row.organizationId, row.fiscalYear)}
                        aria-label={t('results.editOf', { name, year: row.fiscalYear })}
                      >
                        {t('results.edit')}
                      </Button>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
