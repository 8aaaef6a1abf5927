import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PreviousMeasures as PreviousMeasuresData } from '#shared/assessments/previous-measures.ts';
import type { CarriedFrom } from '#shared/plans/contract.ts';
import { PROGRESS_LABELS, type Progress } from '#shared/progress/contract.ts';
import type { AnalysisBody } from '../../../api.ts';
import { useFormat } from '../../../format.ts';
import { useLang } from '../../../i18n/index.ts';
import { useScoreText } from '../common.ts';

type Row = PreviousMeasuresData['rows'][number];

const PROGRESS_COLORS: Record<Progress, string> = {
  done: 'green',
  in_progress: 'blue',
  not_started: 'gray',
  cancelled: 'dark',
};

/** "อยู่ระหว่างดำเนินการ 60%", "ดำเนินการแล้วเสร็จ", or that no round reported on it. */
function useProgressText() {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  return (progress: Progress | null, percent: number | null) => {
    if (progress === null) return t('analysis.loop.noReport');
    const label = PROGRESS_LABELS[progress][lang];
    return progress === 'in_progress' && percent !== null ? `${label} ${format.number(percent, 0)}%` : label;
  };
}

/**
 * Closing the loop on the analysis page: the measures of last year's plan beside the indicators and
 * questions they answered, their status at the last follow-up round, and the score before and now.
 * Nothing is shown when there is nothing to show.
 */
export function PreviousMeasures({ analysis }: { analysis: AnalysisBody }) {
  const { t } = useTranslation();
  const lang = useLang();
  const score = useScoreText();
  const progressText = useProgressText();
  const pm = analysis.outcome.previousMeasures;
  if (!pm || pm.rows.length === 0) return null;
  const indicatorName = (n: number | null | undefined) => {
    const i = analysis.outcome.indicators.find((x) => x.number === n);
    return i
      ? `${t('analysis.indicatorCode', { number: i.number })} ${lang === 'en' ? i.name_en : i.name_th}`
      : null;
  };
  const subject = (row: Row) => {
    if (row.scope === 'indicator') return indicatorName(Number(row.code)) ?? row.code;
    const wording = row.label_th?.trim();
    const of = indicatorName(row.indicator);
    return (
      <>
        <Text span size="sm" ff="monospace" fw={700}>
          {row.displayCode ?? row.code}
        </Text>{' '}
        <Text span size="sm" lang="th">
          {wording || (of ? t('analysis.loop.questionOf', { indicator: of }) : '')}
        </Text>
      </>
    );
  };
  const signed = (value: number | null) => (value === null ? '—' : `${value > 0 ? '+' : ''}${score(value)}`);

  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-labelledby="previous-measures-title"
    >
      <Stack gap="xs">
        <Title order={3} size="h4" id="previous-measures-title">
          {t('analysis.loop.title')}
        </Title>
        <Text size="sm">
          {t('analysis.loop.intro', { year: pm.planFiscalYear })}{' '}
          {pm.lastRound
            ? t('analysis.loop.round', {
                round: lang === 'en' ? pm.lastRound.label_en : pm.lastRound.label_th,
              })
            : t('analysis.loop.noRound')}
        </Text>
        <Text size="xs" c="dimmed" lang="th">
          {t('analysis.loop.plan', { title: pm.planTitle })}
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={4} striped aria-label={t('analysis.loop.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analysis.loop.columns.subject')}</Table.Th>
                <Table.Th>{t('analysis.loop.columns.measures')}</Table.Th>
                <Table.Th>{t('analysis.loop.columns.progress')}</Table.Th>
                <Table.Th ta="right">
                  {pm.previousFiscalYear
                    ? t('analysis.loop.columns.previousOf', { year: pm.previousFiscalYear })
                    : t('analysis.loop.columns.previous')}
                </Table.Th>
                <Table.Th ta="right">
                  {t('analysis.loop.columns.currentOf', {
                    year: pm.currentFiscalYear ?? analysis.outcome.fiscalYear,
                  })}
                </Table.Th>
                <Table.Th ta="right">{t('analysis.loop.columns.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pm.rows.map((row) => (
                <Table.Tr key={`${row.scope}:${row.code}`}>
                  <Table.Td>{subject(row)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {row.measures.map((m) => (
                        <Text key={m.measureId} size="sm" lang="th">
                          {m.number} {m.title}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      {row.measures.map((m) => (
                        <Badge
                          key={m.measureId}
                          variant="light"
                          tt="none"
                          color={m.progress ? PROGRESS_COLORS[m.progress] : 'gray'}
                        >
                          {row.measures.length > 1 ? `${m.number} ` : ''}
                          {progressText(m.progress, m.percent)}
                        </Badge>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">
                    {row.previous === null ? t('analysis.loop.noPrevious') : score(row.previous)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {row.current === null ? t('analysis.loop.notScored') : score(row.current)}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    c={
                      row.change === null
                        ? undefined
                        : row.change < 0
                          ? 'red.8'
                          : row.change > 0
                            ? 'green.8'
                            : undefined
                    }
                  >
                    {signed(row.change)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

/** On a measure carried forward: where it comes from and what was reported of it last year. */
export function CarriedFromBadge({ carriedFrom }: { carriedFrom: CarriedFrom }) {
  const { t } = useTranslation();
  const progressText = useProgressText();
  return (
    <Badge variant="light" color="teal" tt="none" size="sm" title={carriedFrom.roundLabel_th ?? undefined}>
      {t('analysis.loop.carried', {
        year: carriedFrom.fiscalYear,
        number: carriedFrom.number,
        status: progressText(carriedFrom.progress, carriedFrom.percent),
      })}
    </Badge>
  );
}
