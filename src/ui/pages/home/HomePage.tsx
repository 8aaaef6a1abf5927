import { Alert, Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HomeCycleRow, HomeItemRow } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import { calendarDate } from '../followup/common.ts';
import { orgName } from '../organizations/names.ts';
import { CycleSteps } from './CycleSteps.tsx';
import { nextStep, STATE_COLORS } from './cycle-text.ts';
import { useHome } from './useHome.ts';

/** งานของฉัน: what waits for the signed-in person, each with one link to act, and the agency's year. */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const home = useHome();
  const viewerOnly = user.roles.length > 0 && user.roles.every((r) => r.role === 'viewer');
  return (
    <Stack>
      <Title order={2}>{t('home.title')}</Title>
      <QueryState query={home}>
        {(data) => (
          <Stack gap="xl">
            <Stack component="section" aria-labelledby="home-waiting" gap="sm">
              <Title order={3} id="home-waiting" size="h4">
                {t('home.waiting')}
              </Title>
              {data.items.length === 0 ? (
                <EmptyState viewerOnly={viewerOnly} cycle={data.cycles[0]} />
              ) : (
                <>
                  <Text c="dimmed" size="sm">
                    {t('home.intro')}
                  </Text>
                  <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                    {data.items.map((item) => (
                      <HomeItemCard key={item.key} item={item} />
                    ))}
                  </Stack>
                  {data.total > data.items.length && (
                    <Text size="sm" c="dimmed">
                      {t('home.shown', { shown: data.items.length, total: data.total })}
                    </Text>
                  )}
                </>
              )}
            </Stack>
            <Stack component="section" aria-labelledby="home-cycle" gap="sm">
              <Title order={3} id="home-cycle" size="h4">
                {t('home.cycle.title')}
              </Title>
              {data.cycles.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('home.cycle.none')}
                </Text>
              ) : (
                data.cycles.map((cycle) => <CycleSteps key={cycle.organization.id} cycle={cycle} />)
              )}
            </Stack>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function EmptyState({ viewerOnly, cycle }: { viewerOnly: boolean; cycle: HomeCycleRow | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const next = cycle ? nextStep(cycle) : null;
  return (
    <Alert color="gray" variant="light" title={t('home.emptyTitle')}>
      <Stack gap={4}>
        {viewerOnly && <Text size="sm">{t('home.emptyViewer')}</Text>}
        {next && (
          <Text size="sm">
            {t(`home.cycle.next.${next.key}`, {
              resultYear: next.resultYear,
              date: next.calendarDate ? calendarDate(next.calendarDate, lang) : '',
            })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

function HomeItemCard({ item }: { item: HomeItemRow }) {
  const { t } = useTranslation();
  const lang = useLang();
  const what = t(`home.kinds.${item.kind}`, { count: item.count });
  const subject =
    item.kind === 'oit_links_failing'
      ? t('home.oitSubject', { year: item.fiscalYear })
      : [item.number, item.subject].filter(Boolean).join(' ');
  const headingId = `home-item-${item.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  return (
    <Paper component="li" withBorder p="sm" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Badge color={STATE_COLORS[item.state]} c={`${STATE_COLORS[item.state]}.9`} variant="light">
            {t(`home.states.${item.state}`)}
          </Badge>
          {item.deadline && (
            <Text size="sm" fw={item.state === 'late' || item.state === 'due_soon' ? 700 : undefined}>
              {t('home.deadline', { date: calendarDate(item.deadline, lang) })}
            </Text>
          )}
        </Group>
        <Anchor component={Link} to={item.href} id={headingId} fw={600}>
          {what}: {subject}
        </Anchor>
        <Text size="sm" c="dimmed">
          {orgName(item.organization, lang)} · {t('home.fiscalYear', { year: item.fiscalYear })}
        </Text>
        {item.units.length > 0 && item.kind !== 'report_due' && item.kind !== 'plan_to_acknowledge' && (
          <Text size="sm">
            {t('home.units', { list: item.units.map((u) => orgName(u, lang)).join(', ') })}
          </Text>
        )}
        {(item.kind === 'report_due' || item.kind === 'plan_to_acknowledge') && item.units[0] && (
          <Text size="sm">{t('home.units', { list: orgName(item.units[0], lang) })}</Text>
        )}
        {item.documents && (
          <Box>
            <Text size="sm">
              {[
                !item.documents.generated && t('home.documents.notGenerated'),
                !item.documents.published && t('home.documents.notPublished'),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
