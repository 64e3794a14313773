import { SUPPORTED_LOCALES, type SupportedLocale } from './schemas.js';

/** The first candidate we have a translation for, by primary language subtag; English otherwise. */
export function chooseLocale(...candidates: ReadonlyArray<string | undefined | null>): SupportedLocale {
  for (const candidate of candidates) {
    const language = candidate?.split('-')[0]?.toLowerCase();
    const supported = SUPPORTED_LOCALES.find((locale) => locale === language);
    if (supported) return supported;
  }
  return 'en';
}
