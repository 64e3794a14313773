/** The languages the page speaks, the same as the mails'. English is the fallback. */
export const RESET_PAGE_LOCALES = ['en', 'nl', 'es', 'fr'] as const;
export type ResetPageLocale = (typeof RESET_PAGE_LOCALES)[number];
