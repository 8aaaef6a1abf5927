import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Edition, EditionQuestion } from '#shared/catalogue/edition.schema.ts';
import type { Lang } from '../../../i18n/index.ts';

/** The name of a catalogue item in the current language (catalogue items always have both). */
export function itemName(item: { name_th: string; name_en: string }, lang: Lang): string {
  return lang === 'en' ? item.name_en : item.name_th;
}

/**
 * Where a question belongs, for a reader: its sub-indicator when it has one ("ตัวชี้วัดย่อยที่ 9.1
 * ข้อมูลพื้นฐาน"), otherwise its indicator ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล").
 */
export function questionPlace(edition: Edition, q: EditionQuestion, t: TFunction, lang: Lang): string {
  const sub = q.sub_indicator ? edition.sub_indicators.find((s) => s.code === q.sub_indicator) : undefined;
  if (sub) return t('editionPage.subIndicator', { code: sub.code, name: itemName(sub, lang) });
  const indicator = edition.indicators.find((i) => i.number === q.indicator);
  return t('editionPage.indicator', {
    number: q.indicator,
    name: indicator ? itemName(indicator, lang) : '',
  }).trim();
}

/**
 * The wording of a question for a reader; without known wording its code and where it belongs
 * ("O2 · ตัวชี้วัดย่อยที่ 9.1 ข้อมูลพื้นฐาน"), never an empty cell.
 */
export function questionWording(edition: Edition, q: EditionQuestion, t: TFunction, lang: Lang): string {
  if (q.text_th !== null) return q.text_th;
  return t('editionPage.codeWhere', { code: q.display_code, where: questionPlace(edition, q, t, lang) });
}

/** A compiler's note (English research text) in the admins' provenance view: in normal text colour, marked as such. */
export function ResearchNote({ text, label = true }: { text: string | undefined; label?: boolean }) {
  const { t } = useTranslation();
  if (!text) return null;
  return (
    <Text size="sm">
      {label && (
        <Text span size="xs" fw={700} mr={6}>
          {t('editionPage.provenance.researchNote')}:
        </Text>
      )}
      <span lang="en">{text}</span>
    </Text>
  );
}

/** Source ids as small badges; the source's title shows on hover. */
export function SourceBadges({ ids, titles }: { ids: string[]; titles: Map<string, string> }) {
  if (ids.length === 0) return <Text size="sm">—</Text>;
  return (
    <Group gap={4}>
      {ids.map((id) => (
        <Tooltip key={id} label={titles.get(id) ?? id} multiline w={320} withArrow>
          <Badge variant="outline" color="gray" tt="none" ff="monospace" size="sm">
            {id}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** A compiler's note under an item (kept for sections that show one): the same as ResearchNote. */
export function Note({ text }: { text: string | undefined }) {
  return <ResearchNote text={text} />;
}
