import { List, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition, EditionQuestion, InstrumentCode } from '#shared/catalogue/edition.schema.ts';
import { type Lang, useLang } from '../../../i18n/index.ts';
import { itemName, questionWording } from './common.tsx';

const INSTRUMENTS: InstrumentCode[] = ['IIT', 'EIT', 'OIT'];

type Block = { key: string; heading: string; questions: EditionQuestion[] };

/**
 * The questions of one instrument at a time, under their indicator and sub-indicator as the
 * framework tabulates them: names and wording only (the provenance view has the rest).
 */
export function QuestionsSection({ edition }: { edition: Edition }) {
  const { t } = useTranslation();
  const lang = useLang();
  const present = INSTRUMENTS.filter((code) => edition.questions.some((q) => q.instrument === code));
  const [instrument, setInstrument] = useState<InstrumentCode>(present[0] ?? 'OIT');

  if (edition.questions.length === 0) return <Text>{t('editionPage.noQuestions')}</Text>;
  const questions = edition.questions.filter((q) => q.instrument === instrument);
  const blocks = blocksOf(edition, questions, t, lang);

  const answerTypes = [...new Set(questions.map((q) => q.answer_type))];
  /** One answer type for every question: said once above the table, not repeated on each row. */
  const sharedAnswerType = answerTypes.length === 1 ? answerTypes[0] : undefined;
  const columns = sharedAnswerType === undefined ? 3 : 2;

  return (
    <Stack>
      <SegmentedControl
        aria-label={t('editionPage.chooseInstrument')}
        value={instrument}
        onChange={(value) => setInstrument(value as InstrumentCode)}
        data={INSTRUMENTS.map((code) => ({
          value: code,
          label: `${code} (${edition.questions.filter((q) => q.instrument === code).length})`,
          disabled: !present.includes(code),
        }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {questions.length === 0 ? (
        <Text>{t('editionPage.noQuestionsOf', { instrument })}</Text>
      ) : (
        <>
          {sharedAnswerType && (
            <Text size="sm">
              {t('editionPage.columns.answerType')}: {t(`catalogue.answerType.${sharedAnswerType}`)}
            </Text>
          )}
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t('editionPage.questionsOf', { instrument })} verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={72}>{t('editionPage.columns.code')}</Table.Th>
                  <Table.Th>{t('editionPage.columns.question')}</Table.Th>
                  {sharedAnswerType === undefined && (
                    <Table.Th w={220}>{t('editionPage.columns.answerType')}</Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {blocks.map((block) => (
                  <Fragment key={block.key}>
                    <Table.Tr bg="gray.0">
                      <Table.Td colSpan={columns}>
                        <Text fw={700} size="sm">
                          {block.heading}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                    {block.questions.map((q) => (
                      <Table.Tr key={q.code} style={{ verticalAlign: 'top' }}>
                        <Table.Td fw={700}>{q.display_code}</Table.Td>
                        <Table.Td>
                          <QuestionText edition={edition} question={q} />
                        </Table.Td>
                        {sharedAnswerType === undefined && (
                          <Table.Td>
                            <Text size="sm">
                              {q.answer_type ? t(`catalogue.answerType.${q.answer_type}`) : '—'}
                            </Text>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

/** Consecutive questions under the same indicator and sub-indicator, with a heading naming both. */
function blocksOf(edition: Edition, questions: EditionQuestion[], t: TFunction, lang: Lang): Block[] {
  const blocks: Block[] = [];
  for (const q of questions) {
    const key = `${q.indicator}/${q.sub_indicator ?? ''}`;
    const last = blocks.at(-1);
    if (last?.key === key) {
      last.questions.push(q);
      continue;
    }
    const indicator = edition.indicators.find((i) => i.number === q.indicator);
    const sub = q.sub_indicator ? edition.sub_indicators.find((s) => s.code === q.sub_indicator) : undefined;
    const parts = [
      t('editionPage.indicator', {
        number: q.indicator,
        name: indicator ? itemName(indicator, lang) : '',
      }).trim(),
      ...(sub ? [t('editionPage.subIndicator', { code: sub.code, name: itemName(sub, lang) })] : []),
    ];
    blocks.push({ key, heading: parts.join(' · '), questions: [q] });
  }
  return blocks;
}

function QuestionText({ edition, question: q }: { edition: Edition; question: EditionQuestion }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Stack gap={4}>
      {q.group_th && (
        <Text size="xs" c="dimmed">
          {q.group_th}
        </Text>
      )}
      {q.text_th === null ? (
        <Text size="sm" c="dimmed">
          {questionWording(edition, q, t, lang)}
        </Text>
      ) : (
        <>
          {/* In English, the edition's translation first; the official Thai wording stays under it. */}
          {lang === 'en' && q.text_en && <Text size="sm">{q.text_en}</Text>}
          <Text
            size={lang === 'en' && q.text_en ? 'xs' : 'sm'}
            c={lang === 'en' && q.text_en ? 'dimmed' : undefined}
            lang="th"
          >
            {q.text_th}
          </Text>
        </>
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
      {q.reverse_scored && (
        <Text size="xs" c="dimmed">
          {t('catalogue.reverseScored')}
        </Text>
      )}
      {q.form_note_th && (
        <Text size="xs">
          {t('editionPage.formNote')}: {q.form_note_th}
        </Text>
      )}
      {q.components_th && (
        <div>
          <Text size="xs" fw={700}>
            {t('editionPage.components')}
          </Text>
          <List size="xs" spacing={0}>
            {q.components_th.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
