import { Box } from '@mantine/core';
import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartOptions,
  Legend,
  LinearScale,
  type Plugin,
  Tooltip,
} from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { AnalysisOutcome } from '#shared/assessments/analysis.ts';
import { useLang } from '../../../i18n/index.ts';
import { useScoreText } from '../common.ts';

// Only what the two bar charts use: tree-shaken chart.js stays small.
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);
ChartJS.defaults.font.family = "Sarabun, 'Noto Sans Thai', Tahoma, sans-serif";

type Status = AnalysisOutcome['indicators'][number]['status'];

export const STATUS_COLORS: Record<Status, string> = {
  urgent: '#e03131',
  develop: '#f08c00',
  ok: '#4c6ef5',
  strength: '#2f9e44',
  not_assessed: '#adb5bd',
};

export type ThresholdLine = { value: number; color: string; label: string };

/** Dashed horizontal lines at the thresholds, drawn over the bars, each with its label. */
function thresholdLines(lines: readonly ThresholdLine[]): Plugin<'bar'> {
  return {
    id: 'thresholdLines',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const y = chart.scales.y;
      if (!y) return;
      ctx.save();
      ctx.font = "600 12px Sarabun, 'Noto Sans Thai', Tahoma, sans-serif";
      // Labels side by side from the left, so that close thresholds do not print over each other.
      let x = chartArea.left + 4;
      for (const line of lines) {
        const py = y.getPixelForValue(line.value);
        if (py < chartArea.top || py > chartArea.bottom) continue;
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 2;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(chartArea.left, py);
        ctx.lineTo(chartArea.right, py);
        ctx.stroke();
        ctx.setLineDash([]);
        const width = ctx.measureText(line.label).width + 8;
        // A tag sitting on its own line: white box with a coloured border, centred on the line.
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(x, py - 9, width, 18);
        ctx.strokeStyle = line.color;
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, py - 8.5, width - 1, 17);
        ctx.fillStyle = line.color;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(line.label, x + 4, py + 1);
        x += width + 6;
      }
      ctx.restore();
    },
  };
}

const percentAxis = { min: 0, max: 100, ticks: { stepSize: 20 } };

/** Indicator scores as bars coloured by their status, with the analysis thresholds as lines. */
export function IndicatorChart({
  indicators,
  lines,
}: {
  indicators: AnalysisOutcome['indicators'];
  lines: ThresholdLine[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const names = indicators.map((i) => (lang === 'en' ? i.name_en : i.name_th));
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: { y: percentAxis, x: { grid: { display: false } } },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => {
            const index = items[0]?.dataIndex ?? 0;
            return `${t('analysis.indicatorCode', { number: indicators[index]?.number })} ${names[index] ?? ''}`;
          },
          label: (item) =>
            `${score(indicators[item.dataIndex]?.score)} · ${t(`analysis.status.${indicators[item.dataIndex]?.status ?? 'ok'}`)}`,
        },
      },
    },
  };
  const summary = indicators.map((i, index) => `${i.number} ${names[index]}: ${score(i.score)}`).join('; ');
  return (
    <Box h={{ base: 260, sm: 320 }} pos="relative">
      <Bar
        role="img"
        aria-label={`${t('analysis.chartTitle')}. ${summary}`}
        data={{
          labels: indicators.map((i) => String(i.number)),
          datasets: [
            {
              label: t('analysis.columns.score'),
              data: indicators.map((i) => i.score),
              backgroundColor: indicators.map((i) => STATUS_COLORS[i.status]),
              borderRadius: 3,
            },
          ],
        }}
        options={options}
        plugins={[thresholdLines(lines)]}
      />
    </Box>
  );
}

/** This year's and the previous year's score of each indicator side by side. */
export function YoyChart({
  rows,
  fiscalYear,
  previousFiscalYear,
}: {
  rows: NonNullable<AnalysisOutcome['yoy']>['rows'];
  fiscalYear: number;
  previousFiscalYear: number;
}) {
  const { t } = useTranslation();
  const indicatorRows = rows.filter((r) => r.scope === 'indicator');
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: { y: percentAxis, x: { grid: { display: false } } },
    plugins: { legend: { position: 'bottom' } },
  };
  return (
    <Box h={{ base: 260, sm: 320 }} pos="relative">
      <Bar
        role="img"
        aria-label={t('analysis.yoyChartLabel', { year: fiscalYear, previous: previousFiscalYear })}
        data={{
          labels: indicatorRows.map((r) => r.code),
          datasets: [
            {
              label: t('analysis.yearLabel', { year: previousFiscalYear }),
              data: indicatorRows.map((r) => r.yoy.previous),
              backgroundColor: '#adb5bd',
              borderRadius: 3,
            },
            {
              label: t('analysis.yearLabel', { year: fiscalYear }),
              data: indicatorRows.map((r) => r.current),
              backgroundColor: '#4c6ef5',
              borderRadius: 3,
            },
          ],
        }}
        options={options}
      />
    </Box>
  );
}
