import {
  Anchor,
  Badge,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PROGRESS_LABELS } from '#shared/progress/contract.ts';
import { publicationPathKey } from '#shared/publications/contract.ts';
import { api, queryKeys, type RollupBody } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { useCanEditDocuments } from '../documents/common.ts';
import { DocumentPanel } from '../documents/DocumentPanel.tsx';
import { orgName, unitName } from '../organizations/names.ts';
import { planPaths, useRoleOn } from '../plans/common.ts';
import { PublishPanel } from '../publications/PublishPanel.tsx';
import { RoundAcknowledgement } from '../signatures/SignaturePanel.tsx';
import { beDate, followupPaths, PROGRESS_COLORS, roundLabel, SLOT_STATE_COLORS } from './common.ts';
import { RollupCharts } from './RollupCharts.tsx';

/** The secretariat's view of one round: counts, the measures × units matrix, units' submissions, problems. */
export function RoundPage({ id }: { id: string }) {
  const rollup = useQuery({ queryKey: queryKeys.rollup(id), queryFn: () => api.rounds.rollup(id) });
  return <QueryState query={rollup}>{(data) => <Dashboard data={data} />}</QueryState>;
}

function Dashboard({ data }: { data: RollupBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { round, counts } = data;
  const canEditDocuments = useCanEditDocuments(round.organizationId);
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: api.organizations.list });
  const canAcknowledge = useRoleOn(organizations.data ?? [])(['executive'], round.organizationId);
  const unitNames = new Map(data.units.map((u) => [u.unitId, unitName(u, lang)]));
  const unitIds = data.units.map((u) => u.unitId);
  const tiles = [
    { key: 'done', label: t('followup.dashboard.done'), value: counts.done, color: 'green' },
    {
      key: 'inProgress',
      label: t('followup.dashboard.inProgress'),
      value: counts.inProgress,
      color: 'yellow',
    },
    { key: 'notStarted', label: t('followup.dashboard.notStarted'), value: counts.notStarted, color: 'gray' },
    { key: 'cancelled', label: t('followup.dashboard.cancelled'), value: counts.cancelled, color: 'red' },
    { key: 'measures', label: t('followup.dashboard.measures'), value: counts.measures, color: 'blue' },
  ];
  return (
    <Stack>
      <Anchor component={Link} to={planPaths.plan(round.planId)} size="sm">
        ← {t('followup.dashboard.back')}
      </Anchor>
      <div>
        <Title order={2}>{t('followup.dashboard.title', { label: roundLabel(round, lang) })}</Title>
        <Text size="sm" c="dimmed">
          {orgName({ nameTh: round.organizationNameTh, nameEn: round.organizationNameEn }, lang)} ·{' '}
          {t(`followup.rounds.status.${round.status}`)} ·{' '}
          {t('followup.rounds.dueDateBe', { date: beDate(round.dueDate, lang) })}
        </Text>
      </div>

      <SimpleGrid cols={{ base: 2, sm: 5 }} role="list" aria-label={t('followup.dashboard.overall')}>
        {tiles.map((tile) => (
          <Paper
            key={tile.key}
            withBorder
            p="sm"
            role="listitem"
            aria-label={`${tile.label} ${tile.value}`}
            style={{ borderTop: `4px solid var(--mantine-color-${tile.color}-6)` }}
          >
            <Text size="sm">{tile.label}</Text>
            <Text fw={700} fz={28} data-testid={`count-${tile.key}`}>
              {tile.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="rollup-matrix">
        <Title order={3} size="h4" id="rollup-matrix" mb="xs">
          {t('followup.dashboard.matrix')}
        </Title>
        <Table.ScrollContainer minWidth={500}>
          <Table withTableBorder withColumnBorders aria-labelledby="rollup-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('followup.dashboard.measure')}</Table.Th>
                <Table.Th scope="col">{t('followup.dashboard.overall')}</Table.Th>
                {unitIds.map((u) => (
                  <Table.Th key={u} scope="col">
                    {unitNames.get(u)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.measures.map((m) => (
                <Table.Tr key={m.measureId}>
                  <Table.Th scope="row" fw={500}>
                    <Text size="xs" c="dimmed">
                      {m.issueTitle}
                    </Text>
                    {m.title}
                  </Table.Th>
                  <Table.Td>
                    <Badge color={PROGRESS_COLORS[m.status]} variant="light" tt="none">
                      {PROGRESS_LABELS[m.status][lang]} {Math.round(m.percent)}%
                    </Badge>
                  </Table.Td>
                  {unitIds.map((u) => {
                    const cell = m.cells.find((c) => c.unitId === u);
                    if (!cell) return <Table.Td key={u}>—</Table.Td>;
                    const body = (
                      <Stack gap={2}>
                        <Badge color={PROGRESS_COLORS[cell.progress]} variant="light" tt="none">
                          {PROGRESS_LABELS[cell.progress][lang]} {cell.percent}%
                        </Badge>
                        <Badge color={SLOT_STATE_COLORS[cell.state]} variant="outline" size="sm" tt="none">
                          {t(`followup.states.${cell.state}`)}
                        </Badge>
                      </Stack>
                    );
                    return (
                      <Table.Td key={u}>
                        {cell.state === 'pending' ? (
                          body
                        ) : (
                          <Anchor component={Link} to={followupPaths.report(cell.slotId)}>
                            {body}
                            <VisuallyHidden>
                              {t('followup.dashboard.openCell', {
                                unit: unitNames.get(u) ?? '',
                                measure: m.title,
                              })}
                            </VisuallyHidden>
                          </Anchor>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="rollup-units">
        <Title order={3} size="h4" id="rollup-units" mb="xs">
          {t('followup.dashboard.units')}
        </Title>
        <Table aria-labelledby="rollup-units">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('followup.dashboard.unit')}</Table.Th>
              <Table.Th>{t('followup.dashboard.submitted')}</Table.Th>
              <Table.Th>{t('followup.dashboard.late')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.units.map((u) => (
              <Table.Tr key={u.unitId}>
                <Table.Td>{unitName(u, lang)}</Table.Td>
                <Table.Td>
                  {u.submitted}/{u.slots}
                </Table.Td>
                <Table.Td>
                  {u.daysLate > 0 ? (
                    <Badge color="red" variant="light" tt="none">
                      {t('followup.dashboard.daysLate', { n: u.daysLate })}
                    </Badge>
                  ) : (
                    <Text size="sm">{t('followup.dashboard.onTime')}</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>

      <RollupCharts data={data} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextList title={t('followup.dashboard.problems')} id="rollup-problems" items={data.problems} />
        <TextList
          title={t('followup.dashboard.suggestions')}
          id="rollup-suggestions"
          items={data.suggestions}
        />
      </SimpleGrid>

      <RoundAcknowledgement roundId={round.id} closed={round.status === 'closed'} canSign={canAcknowledge} />
      <DocumentPanel
        subjectType="round"
        subjectId={round.id}
        organizationId={round.organizationId}
        kinds={['round', 'memo', 'circular', 'circular-letter', 'publication-form']}
        canEdit={canEditDocuments}
      />
      <PublishPanel
        kind="round"
        subjectId={round.id}
        organizationId={round.organizationId}
        canEdit={canEditDocuments}
        publishable={round.status === 'closed'}
        notPublishableReason={t('publications.reasons.roundNotClosed')}
        address={{ fiscalYear: round.fiscalYear, pathKey: publicationPathKey('round', round) }}
      />
    </Stack>
  );
}

function TextList({
  title,
  id,
  items,
}: {
  title: string;
  id: string;
  items: { unitNameTh: string; unitNameEn: string | null; measureTitle: string; text: string }[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('followup.dashboard.none')}
        </Text>
      ) : (
        <List size="sm" spacing={6}>
          {items.map((item, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list has no ids and does not reorder
            <List.Item key={k}>
              <Group gap={4} wrap="wrap">
                <Text size="xs" c="dimmed">
                  {unitName(item, lang)} · {item.measureTitle}
                </Text>
              </Group>
              <Text size="sm">{item.text}</Text>
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
