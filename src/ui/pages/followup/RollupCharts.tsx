import { Box, Paper, SimpleGrid, Title } from '@mantine/core';
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { RollupBody } from '../../api.ts';
import { useLang } from '../../i18n/index.ts';
import { calendarDate } from './common.ts';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const COLORS = {
  done: '#2f9e44',
  inProgress: '#f08c00',
  notStarted: '#adb5bd',
  cancelled: '#e03131',
} as const;

/** The two charts of a round: measures' status by issue (stacked), and reports submitted per day. */
export function RollupCharts({ data }: { data: RollupBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kinds = ['done', 'inProgress', 'notStarted', 'cancelled'] as const;
  const byIssue = {
    labels: data.byIssue.map((i) =>
      i.issueTitle.length > 40 ? `${i.issueTitle.slice(0, 40)}…` : i.issueTitle,
    ),
    datasets: kinds.map((k) => ({
      label: t(`followup.dashboard.${k}`),
      data: data.byIssue.map((i) => i[k]),
      backgroundColor: COLORS[k],
    })),
  };
  const submissions = {
    labels: data.submissions.map((s) => calendarDate(s.date, lang)),
    datasets: [
      {
        label: t('followup.dashboard.chartSubmissions'),
        data: data.submissions.map((s) => s.count),
        backgroundColor: '#4c6ef5',
      },
    ],
  };
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('followup.dashboard.chartByIssue')}
        </Title>
        <Box h={260}>
          <Bar
            data={byIssue}
            aria-label={t('followup.dashboard.chartByIssue')}
            role="img"
            options={{
              maintainAspectRatio: false,
              indexAxis: 'y',
              scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
            }}
          />
        </Box>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('followup.dashboard.chartSubmissions')}
        </Title>
        <Box h={260}>
          <Bar
            data={submissions}
            aria-label={t('followup.dashboard.chartSubmissions')}
            role="img"
            options={{
              maintainAspectRatio: false,
              plugins: { legend: { display: false } },
              scales: { y: { ticks: { precision: 0 } } },
            }}
          />
        </Box>
      </Paper>
    </SimpleGrid>
  );
}
