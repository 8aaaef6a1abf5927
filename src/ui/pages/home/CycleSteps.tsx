import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HomeCycleRow } from '../../api.ts';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { calendarDate } from '../followup/common.ts';
import { orgName } from '../organizations/names.ts';
import { planPaths } from '../plans/common.ts';
import { resultPaths } from '../results/paths.ts';

const MARKS = { done: '✓', current: '●', not_yet: '○', not_recorded: '–' } as const;
const COLORS = { done: 'green', current: 'blue', not_yet: 'gray', not_recorded: 'yellow' } as const;

/** Where the current stage is acted on: the results for the first two, the year's plan (or the plans) after. */
function stageHref(stage: HomeCycleRow['stages'][number]['stage'], cycle: HomeCycleRow): string {
  if (stage === 'result' || stage === 'analysis')
    return resultPaths.list({ organizationId: cycle.organization.id, fiscalYear: cycle.resultYear });
  return (
    cycle.planHref ?? planPaths.list({ organizationId: cycle.organization.id, fiscalYear: cycle.fiscalYear })
  );
}

/** The agency's year as an ordered list of stages: done (when), current, not yet, with the calendar's dates. */
export function CycleSteps({ cycle }: { cycle: HomeCycleRow }) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = `cycle-${cycle.organization.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={4} id={headingId} size="h5">
          {t('home.cycle.heading', { org: orgName(cycle.organization, lang), year: cycle.fiscalYear })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('home.cycle.intro', { resultYear: cycle.resultYear })}
        </Text>
        <Box
          component="ol"
          aria-label={t('home.cycle.stepsLabel', { year: cycle.fiscalYear })}
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
        >
          {cycle.stages.map((s, i) => (
            <Box
              component="li"
              key={s.stage}
              aria-current={s.state === 'current' ? 'step' : undefined}
              py={6}
              style={{
                borderLeft: `3px solid var(--mantine-color-${COLORS[s.state]}-${s.state === 'not_yet' || s.state === 'not_recorded' ? 3 : 6})`,
                paddingLeft: 12,
              }}
            >
              <Group gap="xs" wrap="wrap">
                <Text span aria-hidden fw={700} c={`${COLORS[s.state]}.8`}>
                  {MARKS[s.state]}
                </Text>
                <Text span fw={s.state === 'current' ? 700 : 500}>
                  {i + 1}. {t(`home.cycle.stages.${s.stage}`)}
                </Text>
                <Badge
                  color={s.state === 'current' ? 'blue.9' : COLORS[s.state]}
                  c={s.state === 'current' ? undefined : `${COLORS[s.state]}.9`}
                  variant={s.state === 'current' ? 'filled' : 'light'}
                  size="sm"
                >
                  {t(`home.cycle.states.${s.state}`)}
                </Badge>
              </Group>
              {s.state === 'current' && (
                <Anchor component={Link} to={stageHref(s.stage, cycle)} size="sm" pl={22} display="block">
                  {t(`home.cycle.goTo.${s.stage}`)}
                </Anchor>
              )}
              <Text size="sm" c="dimmed" pl={22}>
                {[
                  s.doneOn && t('home.cycle.doneOn', { date: calendarDate(s.doneOn, lang) }),
                  s.calendarDate && t('home.cycle.calendar', { date: calendarDate(s.calendarDate, lang) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Box>
          ))}
        </Box>
        {cycle.planHref && (
          <Anchor component={Link} to={cycle.planHref} size="sm">
            {t('home.cycle.openPlan')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
