/** ISO 639-1 codes offered in language pickers: German, English and the languages most spoken in Berlin. */
export const COMMON_LANGUAGES = [
  'de', 'en', 'tr', 'ar', 'pl', 'ru', 'uk', 'fr', 'es', 'it', 'fa', 'ku', 'vi', 'sr', 'hr', 'bs', 'ro', 'bg', 'el',
  'pt', 'zh', 'sq', 'so', 'ti',
];

const cache = new Map<string, Intl.DisplayNames | null>();

/** A language's name in the interface language ("Türkisch" / "Turkish"); the code when the browser cannot say. */
export function languageName(code: string, locale: string): string {
  if (!cache.has(locale)) {
    try {
      cache.set(locale, new Intl.DisplayNames([locale], { type: 'language' }));
    } catch {
      cache.set(locale, null);
    }
  }
  try {
    return cache.get(locale)?.of(code) ?? code;
  } catch {
    return code;
  }
}
