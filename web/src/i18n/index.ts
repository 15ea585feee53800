import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../gql/graphql';
import { de } from './de';
import { en } from './en';

export const LANGUAGES = ['de', 'en'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'cn.language';

function savedLanguage(): UiLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'de',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

function follow(language: string) {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    /* storage unavailable */
  }
}
follow(i18n.language);
i18n.on('languageChanged', follow);

export default i18n;

/** The interface language, and the same as the API's `Language` for catalogue labels. */
export function useLanguage(): { language: UiLanguage; api: Language; locale: string } {
  const { i18n: instance } = useTranslation();
  const language: UiLanguage = instance.language === 'en' ? 'en' : 'de';
  return { language, api: language === 'en' ? 'EN' : 'DE', locale: language === 'en' ? 'en-GB' : 'de-DE' };
}
