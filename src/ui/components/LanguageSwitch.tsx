import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Lang, setLanguage, useLang } from '../i18n/index.ts';

const LANGS: { lang: Lang; label: string; title: string }[] = [
  { lang: 'th', label: 'TH', title: 'ภาษาไทย' },
  { lang: 'en', label: 'EN', title: 'English' },
];

/** TH | EN, on every screen; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLang();
  return (
    <Group gap={0} role="group" aria-label={t('language.switch')} wrap="nowrap">
      {LANGS.map(({ lang, label, title }, index) => (
        <Button
          key={lang}
          size="compact-sm"
          variant={current === lang ? 'filled' : 'default'}
          aria-pressed={current === lang}
          title={title}
          lang={lang}
          onClick={() => setLanguage(lang)}
          style={
            index === 0
              ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 }
              : { borderTopLeftRadius: 0, borderBottomLeftRadius: 0 }
          }
        >
          {label}
        </Button>
      ))}
    </Group>
  );
}
