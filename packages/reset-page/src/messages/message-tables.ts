import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import type { ResetPageMessages } from './reset-page-messages.js';

/** The languages the page speaks, the same as the mails'. The first is the fallback. */
export const RESET_PAGE_LOCALES = ['en', 'nl', 'es', 'fr'] as const;
export type ResetPageLocale = (typeof RESET_PAGE_LOCALES)[number];

export const RESET_PAGE_MESSAGES: Readonly<Record<ResetPageLocale, ResetPageMessages>> = { en, nl, es, fr };
