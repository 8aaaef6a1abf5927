import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en.ts';
import { th } from './th.ts';

export type Lang = 'th' | 'en';

const STORAGE_KEY = 'prongsai.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof th };
  }
}

function storedLanguage(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { th: { translation: th }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'th',
  supportedLngs: ['th', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

i18n.on('languageChanged', (lng) => {
  const lang: Lang = lng === 'en' ? 'en' : 'th';
  document.documentElement.lang = lang;
  document.title = i18n.t('app.documentTitle');
});
document.documentElement.lang = currentLanguage();
document.title = i18n.t('app.documentTitle');

export function currentLanguage(): Lang {
  return i18n.language === 'en' ? 'en' : 'th';
}

/** Switches the language of the whole UI and remembers it in this browser. */
export function setLanguage(lang: Lang) {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18n.changeLanguage(lang);
}

/** The current language, re-rendering the caller when it changes. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'th';
}

/** Picks the text of a `{ th, en }` label (ROLE_LABELS, ORGANIZATION_KIND_LABELS, …). */
export function pick(label: { th: string; en: string }, lang: Lang): string {
  return label[lang];
}

/** Picks the Thai or English member of a pair; English falls back to Thai when missing. */
export function bilingual(thText: string, enText: string | null | undefined, lang: Lang): string {
  return lang === 'en' && enText ? enText : thText;
}
