import { Text } from '@mantine/core';
import type { Lang } from '../../../i18n/index.ts';

/** The name of a catalogue item in the current language (catalogue items always have both). */
export function itemName(item: { name_th: string; name_en: string }, lang: Lang): string {
  return lang === 'en' ? item.name_en : item.name_th;
}

/** A research note from the catalogue (written in English), shown small under the item. */
export function Note({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <Text size="xs" c="dimmed" lang="en">
      {text}
    </Text>
  );
}
