import { Alert, Anchor, Badge, Box, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEASURE_KIND_LABELS } from '#shared/plans/contract.ts';
import { api, type InboxItemRow, queryKeys } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { Check } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useFormat } from '../../format.ts';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { ReportsDue } from '../followup/ReportsDue.tsx';
import { orgName, unitName } from '../organizations/names.ts';
import { monthLabel, planPaths } from './common.ts';
import { measureLabel } from './editor/numbering.ts';

/**
 * A unit's measures in the circulated plans, with its steps marked, and "acknowledge" (รับทราบ): plans
 * still to acknowledge come first, above the reports due, so the button is not below every report.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const inbox = useQuery({ queryKey: queryKeys.inbox, queryFn: api.plans.inbox });
  const pending = (inbox.data ?? []).filter((item) => !item.acknowledgedAt);
  return (
    <Stack>
      {pending.length > 0 && (
        <Stack component="section" aria-labelledby="ack-pending" gap="sm">
          <Title order={2} id="ack-pending">
            {t('myTasks.ackFirst', { n: pending.length })}
          </Title>
          {pending.map((item) => (
            <InboxCard key={`${item.planId}:${item.unitId}`} item={item} />
          ))}
        </Stack>
      )}
      <ReportsDue />
      <Title order={2}>{t('inbox.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('inbox.intro')}
      </Text>
      <QueryState query={inbox}>
        {(items) =>
          items.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('inbox.empty')}
            </Alert>
          ) : items.every((item) => !item.acknowledgedAt) ? (
            <Text size="sm">{t('myTasks.allAbove')}</Text>
          ) : (
            <Stack gap="lg">
              {items
                .filter((item) => item.acknowledgedAt)
                .map((item) => (
                  <InboxCard key={`${item.planId}:${item.unitId}`} item={item} />
                ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function InboxCard({ item }: { item: InboxItemRow }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const queryClient = useQueryClient();
  const headingId = `inbox-${item.planId}-${item.unitId}`;
  const acknowledge = useMutation({
    mutationFn: () => api.plans.acknowledge(item.planId, item.unitId),
    onSuccess: (plan) => {
      queryClient.setQueryData(queryKeys.plan(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
      notifications.show({
        color: 'green',
        message: t('inbox.acknowledgedNotice', { unit: unitName(item, lang) }),
      });
    },
  });

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Text size="xs" c="dimmed">
            {t('inbox.forUnit', { unit: unitName(item, lang) })}
          </Text>
          <Title order={3} size="h4" id={headingId}>
            {t('inbox.planOf', {
              org: orgName({ nameTh: item.organizationNameTh, nameEn: item.organizationNameEn }, lang),
              year: item.fiscalYear,
              n: item.versionNo,
            })}
          </Title>
          <Anchor component={Link} to={planPaths.plan(item.planId)} size="sm">
            {t('inbox.openPlan')}
          </Anchor>
        </div>

        <Group gap="sm" wrap="wrap" aria-live="polite">
          {item.acknowledgedAt ? (
            <Badge
              color="green"
              variant="light"
              size="lg"
              tt="none"
              leftSection={<Check size={14} />}
              style={{ height: 'auto', whiteSpace: 'normal', paddingBlock: 4 }}
            >
              {t('inbox.acknowledgedAt', { at: format.dateTime(item.acknowledgedAt) })}
            </Badge>
          ) : (
            <>
              <Button
                onClick={() => acknowledge.mutate()}
                loading={acknowledge.isPending}
                aria-describedby={`${headingId}-ack-help`}
              >
                {t('inbox.acknowledge')}
              </Button>
              <Text size="xs" c="dimmed" id={`${headingId}-ack-help`}>
                {t('inbox.acknowledgeHelp', { unit: unitName(item, lang) })}
              </Text>
            </>
          )}
        </Group>
        <FormError error={acknowledge.error} />

        <Text size="sm" fw={700}>
          {t('inbox.measures', { n: item.measures.length })}
        </Text>
        {item.measures.map((m) => (
          <Paper
            key={m.measureId}
            withBorder
            p="xs"
            radius="md"
            bg="gray.0"
            component="article"
            aria-label={`${measureLabel(t, m)} ${m.title}`}
          >
            <Stack gap={6}>
              <Text size="xs" c="dimmed">
                {measureLabel(t, m)} · {m.issueTitle}
              </Text>
              <Group gap="xs" wrap="wrap">
                <Badge variant="light" tt="none">
                  {MEASURE_KIND_LABELS[m.kind][lang]}
                </Badge>
                <Text fw={700} size="sm">
                  {m.title}
                </Text>
              </Group>
              <Text size="sm">
                <Text span fw={500}>
                  {t('plans.fields.timeframe')}:{' '}
                </Text>
                {m.timeframe
                  ? `${monthLabel(m.timeframe.start, lang)} – ${monthLabel(m.timeframe.end, lang)}`
                  : t('inbox.noTimeframe')}
              </Text>
              <Box>
                <Text size="sm" fw={500}>
                  {t('plans.fields.steps')}
                </Text>
                <List type="ordered" size="sm" spacing={4}>
                  {m.steps.map((s, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: steps come without ids, in order
                    <List.Item key={k}>
                      <Text size="sm" fw={s.mine ? 700 : 400} span>
                        {s.text}
                      </Text>{' '}
                      {s.mine && (
                        <Badge size="xs" variant="light" color="blue" tt="none">
                          {t('inbox.yourStep')}
                        </Badge>
                      )}
                    </List.Item>
                  ))}
                </List>
              </Box>
              {m.monitoring && (
                <Text size="sm">
                  <Text span fw={500}>
                    {t('plans.fields.monitoring')}:{' '}
                  </Text>
                  {m.monitoring}
                </Text>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
