import type { OutgoingMail } from '@pwreset/contract/engine';
import { composeRenderedMail } from './compose-rendered-mail.js';
import { fillTemplate } from './fill-template.js';
import { describeDeadline } from './format-mail-date.js';
import { chooseGreeting, MAIL_TEXT_BY_LOCALE } from './mail-text-by-locale.js';
import type { RenderedMail, RenderMailOptions } from './rendered-mail.js';

export type PasswordResetMail = Extract<OutgoingMail, { kind: 'password-reset' }>;

/**
 * The mail with the reset link. The link carries the secret: the rendered mail must go
 * to the transport only, never to a log.
 */
export function renderPasswordResetMail(mail: PasswordResetMail, { now }: RenderMailOptions = {}): RenderedMail {
  const text = MAIL_TEXT_BY_LOCALE[mail.locale];
  const copy = text.passwordReset;
  const applicationName = { applicationName: mail.applicationName };
  return composeRenderedMail({
    locale: mail.locale,
    subject: fillTemplate(copy.subject, applicationName),
    preheader: fillTemplate(copy.preheader, applicationName),
    applicationName: mail.applicationName,
    blocks: [
      { type: 'paragraph', text: chooseGreeting(text, mail.recipientName) },
      { type: 'paragraph', text: fillTemplate(copy.intro, applicationName) },
      {
        type: 'link',
        url: mail.resetLink,
        buttonLabel: copy.buttonLabel,
        introText: copy.linkIntroText,
        fallbackIntroHtml: copy.linkFallbackHtml,
      },
      {
        type: 'paragraph',
        text: fillTemplate(copy.expiry, { expiresAt: describeDeadline(mail.expiresAt, mail.locale, now) }),
      },
      { type: 'paragraph', text: copy.notRequested },
      { type: 'signature', text: fillTemplate(text.signature, applicationName) },
    ],
  });
}
