import type { ResetMailBase } from '@pwreset/contract/engine';
import { composeRenderedMail } from './compose-rendered-mail.js';
import { fillTemplate } from './fill-template.js';
import { describeDeadline } from './format-mail-date.js';
import type { MailText, SecretMailText } from './mail-text.js';
import { chooseGreeting, MAIL_TEXT_BY_LOCALE } from './mail-text-by-locale.js';
import type { RenderedMail, RenderMailOptions } from './rendered-mail.js';

/** What a mail that carries a secret to type in says, whichever the secret. */
export interface SecretMail {
  readonly mail: ResetMailBase;
  /** Which of the locale's copies it uses. */
  readonly copy: (text: MailText) => SecretMailText;
  /** A secret like a reset link: never log it or the rendered mail. */
  readonly secret: string;
  /** The secret stops working at this instant. */
  readonly expiresAt: Date;
}

/**
 * A mail that carries a secret to type in (a temporary password, a code) and no link: greeting,
 * intro, the secret on a block of its own, its deadline, "not requested", signature. The secret
 * appears only in the body, never in the subject or the preheader, which clients show in
 * notifications on a locked screen.
 */
export function renderSecretMail({ mail, copy: copyOf, secret, expiresAt }: SecretMail, { now }: RenderMailOptions = {}): RenderedMail {
  const text = MAIL_TEXT_BY_LOCALE[mail.locale];
  const copy = copyOf(text);
  const applicationName = { applicationName: mail.applicationName };
  return composeRenderedMail({
    locale: mail.locale,
    subject: fillTemplate(copy.subject, applicationName),
    preheader: copy.preheader,
    applicationName: mail.applicationName,
    blocks: [
      { type: 'paragraph', text: chooseGreeting(text, mail.recipientName) },
      { type: 'paragraph', text: fillTemplate(copy.intro, applicationName) },
      { type: 'secret', value: secret },
      { type: 'paragraph', text: fillTemplate(copy.instruction, { expiresAt: describeDeadline(expiresAt, mail.locale, now) }) },
      { type: 'paragraph', text: fillTemplate(copy.notRequested, applicationName) },
      { type: 'signature', text: fillTemplate(text.signature, applicationName) },
    ],
  });
}
