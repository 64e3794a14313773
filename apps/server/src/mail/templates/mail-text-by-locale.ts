import type { SupportedLocale } from '@pwreset/contract';
import { fillTemplate } from './fill-template.js';
import type { MailText } from './mail-text.js';
import { MAIL_TEXT_EN } from './mail-text-en.js';
import { MAIL_TEXT_ES } from './mail-text-es.js';
import { MAIL_TEXT_FR } from './mail-text-fr.js';
import { MAIL_TEXT_NL } from './mail-text-nl.js';

/** Typed over every supported locale, so adding one to the contract fails here until it is translated. */
export const MAIL_TEXT_BY_LOCALE: Readonly<Record<SupportedLocale, MailText>> = {
  en: MAIL_TEXT_EN,
  nl: MAIL_TEXT_NL,
  es: MAIL_TEXT_ES,
  fr: MAIL_TEXT_FR,
};

/** "Hello Ana," when the name is known, "Hello," otherwise. */
export function chooseGreeting(text: MailText, recipientName: string | undefined): string {
  const name = recipientName?.trim();
  return name ? fillTemplate(text.greetingWithName, { recipientName: name }) : text.greetingWithoutName;
}
