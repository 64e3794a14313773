import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { nl } from './nl.js';
import type { ResetPageLocale } from './locales.js';
import type { ResetPageMessages } from './reset-page-messages.js';

/** Every locale's texts, for reuse; the page itself loads only the one it speaks (loadMessages). */
export const RESET_PAGE_MESSAGES: Readonly<Record<ResetPageLocale, ResetPageMessages>> = { en, nl, es, fr };
