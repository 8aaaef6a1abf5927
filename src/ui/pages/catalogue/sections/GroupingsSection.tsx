import { Anchor, Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Edition } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge } from '../../../components/ConfidenceBadge.tsx';
import { useLang } from '../../../i18n/index.ts';
import { Link } from '../../../router.tsx';
import { itemName, Note } from './common.tsx';

/** Groupings of questions into issues (the 7 issues), or references to a grouping of another year. */
export function GroupingsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const lang = useLang();
  const displayCode = (code: string) => edition.questions.find((q) => q.code === code)?.display_code ?? code;

  if (edition.groupings.length === 0 && edition.grouping_refs.length === 0) {
    return <Text>{t('catalogue.noGroupings')}</Text>;
  }
  return (
    <Stack>
      {edition.grouping_refs.map((ref) => (
        <Card withBorder key={`${ref.fiscal_year}-${ref.code}`}>
          <Group gap="xs">
            <Text>
              {t('catalogue.groupingRef', { code: ref.code })}{' '}
              <Anchor component={Link} to={`/catalogue/${ref.fiscal_year}`}>
                {t('catalogue.fiscalYearLabel', { year: ref.fiscal_year })}
              </Anchor>
            </Text>
            <ConfidenceBadge confidence={ref.confidence} />
          </Group>
          <Note text={ref.note} />
        </Card>
      ))}
      {edition.groupings.map((grouping) => (
        <Stack key={grouping.code} gap="xs">
          <Group gap="xs">
            <Title order={3} size="h4">
              {itemName(grouping, lang)}
            </Title>
            <ConfidenceBadge confidence={grouping.confidence} />
          </Group>
          <Note text={grouping.note} />
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={itemName(grouping, lang)} verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('catalogue.columns.number')}</Table.Th>
                  <Table.Th>{t('catalogue.columns.issue')}</Table.Th>
                  <Table.Th>{t('catalogue.columns.questions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {grouping.groups.map((group) => (
                  <Table.Tr key={group.no}>
                    <Table.Td fw={700}>{group.no}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{itemName(group, lang)}</Text>
                      <Note text={group.note} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {group.questions.map((code) => (
                          <Badge key={code} variant="light" tt="none">
                            {displayCode(code)}
                          </Badge>
                        ))}
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
