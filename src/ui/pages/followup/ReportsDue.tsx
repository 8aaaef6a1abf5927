import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PROGRESS_LABELS } from '#shared/progress/contract.ts';
import { api, queryKeys } from '../../api.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useLang } from '../../i18n/index.ts';
import { Link } from '../../router.tsx';
import { unitName } from '../organizations/names.ts';
import { measureLabel } from '../plans/editor/numbering.ts';
import { beDate, followupPaths, roundLabel, SLOT_STATE_COLORS } from './common.ts';

/** "รายงานผลการดำเนินงาน": what the caller's units must report in the open rounds. */
export function ReportsDue() {
  const { t } = useTranslation();
  const lang = useLang();
  const mine = useQuery({ queryKey: queryKeys.myReports, queryFn: api.reports.mine });
  return (
    <Stack component="section" aria-labelledby="reports-due" gap="sm">
      <Title order={2} id="reports-due">
        {t('followup.mine.title')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('followup.mine.intro')}
      </Text>
      <QueryState query={mine}>
        {(items) =>
          items.length === 0 ? (
            <Alert color="gray" variant="light">
              {t('followup.mine.empty')}
            </Alert>
          ) : (
            <Stack gap="xs" role="list">
              {items.map((item) => (
                <Paper
                  key={item.id}
                  withBorder
                  p="xs"
                  role="listitem"
                  aria-label={[
                    item.position && measureLabel(t, item.position),
                    item.measureTitle,
                    unitName(item, lang),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                >
                  <Stack gap={4}>
                    <Text size="xs" c="dimmed">
                      {roundLabel({ labelTh: item.roundLabel, labelEn: item.roundLabelEn }, lang)} ·{' '}
                      {unitName(item, lang)}
                    </Text>
                    {item.position && (
                      <Text size="sm" fw={500}>
                        {measureLabel(t, item.position)} · {item.issueTitle}
                      </Text>
                    )}
                    <Anchor component={Link} to={followupPaths.report(item.id)} fw={700}>
                      {item.measureTitle}
                    </Anchor>
                    <Group gap="xs" wrap="wrap">
                      <Badge color={SLOT_STATE_COLORS[item.state]} variant="light" tt="none">
                        {t(`followup.states.${item.state}`)}
                      </Badge>
                      <Text size="sm">{t('followup.mine.due', { date: beDate(item.dueDate, lang) })}</Text>
                      {item.state !== 'pending' && (
                        <Text size="sm" c="dimmed">
                          {PROGRESS_LABELS[item.progress][lang]} {item.percent}%
                        </Text>
                      )}
                    </Group>
                    {item.state === 'returned' && item.reviewComment && (
                      <Alert color="orange" variant="light" p="xs">
                        {t('followup.mine.returnComment', { comment: item.reviewComment })}
                      </Alert>
                    )}
                  </Stack>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
