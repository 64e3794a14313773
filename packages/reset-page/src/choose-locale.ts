import { RESET_PAGE_LOCALES, type ResetPageLocale } from './messages/locales.js';

/**
 * The first of the user's languages (in preference order, e.g. `navigator.languages`) whose
 * primary subtag the page speaks: `['nl-BE', 'en']` → `nl`. English when none matches.
 */
export function chooseLocale(languages: readonly string[]): ResetPageLocale {
  for (const language of languages) {
    const primary = language.trim().split(/[-_]/)[0]?.toLowerCase();
    const supported = RESET_PAGE_LOCALES.find((locale) => locale === primary);
    if (supported) return supported;
  }
  return 'en';
}
