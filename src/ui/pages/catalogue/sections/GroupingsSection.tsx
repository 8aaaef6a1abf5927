import { Anchor, Badge, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition, EditionGrouping } from '#shared/catalogue/edition.schema.ts';
import { useLang } from '../../../i18n/index.ts';
import { Link } from '../../../router.tsx';
import { itemName, questionWording } from './common.tsx';

type Shown = { grouping: EditionGrouping; from: number | null };

/**
 * Groupings of questions into issues (the 7 issues): the edition's own and those it reuses from an
 * earlier edition (`groupings` as the API resolved them), each question with its wording on hover.
 */
export function GroupingsSection({ edition, groupings }: { edition: Edition; groupings: EditionGrouping[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const reused = groupings.slice(edition.groupings.length);
  const shown: Shown[] = [
    ...edition.groupings.map((grouping) => ({ grouping, from: null })),
    ...edition.grouping_refs.flatMap((ref) => {
      const grouping = reused.find((g) => g.code === ref.code);
      return grouping ? [{ grouping, from: ref.fiscal_year }] : [];
    }),
  ];
  if (shown.length === 0) return <Text>{t('editionPage.noGroupings')}</Text>;
  const question = (code: string) => edition.questions.find((q) => q.code === code);

  return (
    <Stack gap="xl">
      {shown.map(({ grouping, from }) => (
        <Stack key={`${from ?? ''}${grouping.code}`} gap="xs">
          <Title order={3} size="h4">
            {itemName(grouping, lang)}
          </Title>
          {from !== null && (
            <Text size="sm">
              {t('editionPage.sameGroupingAs')}{' '}
              <Anchor component={Link} to={`/catalogue/${from}`}>
                {t('catalogue.fiscalYearLabel', { year: from })}
              </Anchor>
            </Text>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={itemName(grouping, lang)} verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={72}>{t('editionPage.columns.number')}</Table.Th>
                  <Table.Th>{t('editionPage.columns.issue')}</Table.Th>
                  <Table.Th>{t('editionPage.columns.questions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grouping.groups.map((group) => (
                  <Table.Tr key={group.no}>
                    <Table.Td fw={700}>{group.no}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{itemName(group, lang)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {group.questions.map((code) => {
                          const q = question(code);
                          return (
                            <Tooltip
                              key={code}
                              label={q ? questionWording(edition, q, t, lang) : code}
                              multiline
                              w={320}
                              withArrow
                            >
                              <Badge variant="light" tt="none">
                                {q?.display_code ?? code}
                              </Badge>
                            </Tooltip>
                          );
                        })}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
    </Stack>
  );
}
