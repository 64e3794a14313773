import type { ResetPageLocale } from './locales.js';
import type { ResetPageMessages } from './reset-page-messages.js';

/** Loads one locale's texts, so a browser downloads only the language it shows. */
export async function loadMessages(locale: ResetPageLocale): Promise<ResetPageMessages> {
  switch (locale) {
    case 'nl':
      return (await import('./nl.js')).nl;
    case 'es':
      return (await import('./es.js')).es;
    case 'fr':
      return (await import('./fr.js')).fr;
    case 'en':
      return (await import('./en.js')).en;
  }
}
