import type { ResetMailBase } from '@pwreset/contract/engine';
import { composeRenderedMail } from './compose-rendered-mail.js';
import { fillTemplate } from './fill-template.js';
import { describeDeadline } from './format-mail-date.js';
import { chooseGreeting, MAIL_TEXT_BY_LOCALE } from './mail-text-by-locale.js';
import type { RenderedMail, RenderMailOptions } from './rendered-mail.js';

export interface TemporaryPasswordMail extends ResetMailBase {
  /** A secret like a reset link: never log it or the rendered mail. */
  readonly temporaryPassword: string;
  /** The temporary password stops working at this instant. */
  readonly expiresAt: Date;
}

/**
 * For the legacy API that mails a temporary password instead of a link. Not part of
 * OutgoingMail yet. The password appears only in the body, never in the subject or the
 * preheader, which clients show in notifications on a locked screen.
 */
export function renderTemporaryPasswordMail(mail: TemporaryPasswordMail, { now }: RenderMailOptions = {}): RenderedMail {
  const text = MAIL_TEXT_BY_LOCALE[mail.locale];
  const copy = text.temporaryPassword;
  const applicationName = { applicationName: mail.applicationName };
  return composeRenderedMail({
    locale: mail.locale,
    subject: fillTemplate(copy.subject, applicationName),
    preheader: copy.preheader,
    applicationName: mail.applicationName,
    blocks: [
      { type: 'paragraph', text: chooseGreeting(text, mail.recipientName) },
      { type: 'paragraph', text: fillTemplate(copy.intro, applicationName) },
      { type: 'secret', value: mail.temporaryPassword },
      {
        type: 'paragraph',
        text: fillTemplate(copy.instruction, { expiresAt: describeDeadline(mail.expiresAt, mail.locale, now) }),
      },
      { type: 'paragraph', text: fillTemplate(copy.notRequested, applicationName) },
      { type: 'signature', text: fillTemplate(text.signature, applicationName) },
    ],
  });
}
