import type { OutgoingMail } from '@pwreset/contract/engine';
import { composeRenderedMail } from './compose-rendered-mail.js';
import { fillTemplate } from './fill-template.js';
import { formatUtcDateTime } from './format-mail-date.js';
import { chooseGreeting, MAIL_TEXT_BY_LOCALE } from './mail-text-by-locale.js';
import type { RenderedMail } from './rendered-mail.js';

export type PasswordChangedMail = Extract<OutgoingMail, { kind: 'password-changed' }>;

/**
 * The notice after a completed reset. It carries no link at all: a mail that says "if this
 * wasn't you, click here" is exactly what a phisher would send, so it points the reader to
 * the application's own "forgot password" instead.
 */
export function renderPasswordChangedMail(mail: PasswordChangedMail): RenderedMail {
  const text = MAIL_TEXT_BY_LOCALE[mail.locale];
  const copy = text.passwordChanged;
  const applicationName = { applicationName: mail.applicationName };
  return composeRenderedMail({
    locale: mail.locale,
    subject: fillTemplate(copy.subject, applicationName),
    preheader: copy.preheader,
    applicationName: mail.applicationName,
    blocks: [
      { type: 'paragraph', text: chooseGreeting(text, mail.recipientName) },
      {
        type: 'paragraph',
        text: fillTemplate(copy.notice, { ...applicationName, changedAt: formatUtcDateTime(mail.changedAt, mail.locale) }),
      },
      { type: 'paragraph', text: copy.ifItWasYou },
      { type: 'paragraph', text: fillTemplate(copy.ifItWasNotYou, applicationName) },
      { type: 'signature', text: fillTemplate(text.signature, applicationName) },
    ],
  });
}
