import { Badge, Group, List, SegmentedControl, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition, EditionQuestion, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { ConfidenceBadge, MissingWordingBadge } from '../../../components/ConfidenceBadge.tsx';
import { useLang } from '../../../i18n/index.ts';
import { Note } from './common.tsx';

const INSTRUMENTS: InstrumentCode[] = ['IIT', 'EIT', 'OIT'];

export const isUncertain = (q: EditionQuestion) => q.confidence === 'low' || q.text_th === null;

/** The questions of one instrument at a time; low confidence and missing wording stand out. */
export function QuestionsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const lang = useLang();
  const present = INSTRUMENTS.filter((code) => edition.questions.some((q) => q.instrument === code));
  const [instrument, setInstrument] = useState<InstrumentCode>(present[0] ?? 'OIT');
  const [onlyUncertain, setOnlyUncertain] = useState(false);
  const indicatorName = (n: number) => {
    const indicator = edition.indicators.find((i) => i.number === n);
    return indicator ? (lang === 'en' ? indicator.name_en : indicator.name_th) : '';
  };

  if (edition.questions.length === 0) return <Text>{t('catalogue.noQuestions')}</Text>;
  const questions = edition.questions.filter(
    (q) => q.instrument === instrument && (!onlyUncertain || isUncertain(q)),
  );

  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('catalogue.chooseInstrument')}
          value={instrument}
          onChange={(value) => setInstrument(value as InstrumentCode)}
          data={INSTRUMENTS.map((code) => ({
            value: code,
            label: `${code} (${edition.questions.filter((q) => q.instrument === code).length})`,
            disabled: !present.includes(code),
          }))}
        />
        <Switch
          label={t('catalogue.onlyUncertain')}
          checked={onlyUncertain}
          onChange={(event) => setOnlyUncertain(event.currentTarget.checked)}
        />
      </Group>
      {questions.length === 0 ? (
        <Text>{t('catalogue.noQuestionsHere')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label={t('catalogue.questionsOf', { instrument })} verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogue.columns.code')}</Table.Th>
                <Table.Th>{t('catalogue.columns.question')}</Table.Th>
                <Table.Th>{t('catalogue.columns.indicator')}</Table.Th>
                <Table.Th>{t('catalogue.columns.answerType')}</Table.Th>
                <Table.Th>{t('catalogue.columns.confidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {questions.map((q) => (
                <Table.Tr key={q.code} bg={isUncertain(q) ? 'orange.0' : undefined}>
                  <Table.Td fw={700}>{q.display_code}</Table.Td>
                  <Table.Td>
                    <QuestionText question={q} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {q.indicator}
                      {q.sub_indicator ? ` (${q.sub_indicator})` : ''} {indicatorName(q.indicator)}
                    </Text>
                    {q.indicator_confidence === 'low' && (
                      <ConfidenceBadge
                        confidence={q.indicator_confidence}
                        what={t('catalogue.columns.indicator')}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{q.answer_type ? t(`catalogue.answerType.${q.answer_type}`) : '—'}</Text>
                    {q.reverse_scored && (
                      <Badge size="xs" variant="outline" color="gray" tt="none">
                        {t('catalogue.reverseScored')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ConfidenceBadge confidence={q.confidence} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function QuestionText({ question: q }: { question: EditionQuestion }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      {q.group_th && (
        <Text size="xs" c="dimmed">
          {q.group_th}
        </Text>
      )}
      {q.text_th === null ? (
        <>
          <Group gap="xs">
            <MissingWordingBadge />
          </Group>
          {q.missing && (
            <Text size="sm" c="orange.9" lang="en">
              {q.missing}
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" lang="th">
          {q.text_th}
        </Text>
      )}
      {q.sub_items && (
        <List size="sm" spacing={0}>
          {q.sub_items.map((item) => (
            <List.Item key={item.code}>
              {item.code} {item.text_th}
            </List.Item>
          ))}
        </List>
      )}
      {q.text_th_alternatives && (
        <Text size="xs" c="dimmed">
          {t(q.text_th === null ? 'catalogue.candidates' : 'catalogue.alternatives')}:{' '}
          {q.text_th_alternatives.map((alt) => alt.text_th).join(' · ')}
        </Text>
      )}
      <Note text={q.note} />
    </Stack>
  );
}
