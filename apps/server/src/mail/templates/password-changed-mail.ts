import type { OutgoingMail } from '@pwreset/contract/engine';
import { composeRenderedMail } from './compose-rendered-mail.js';
import { fillTemplate } from './fill-template.js';
import { formatUtcDateTime } from './format-mail-date.js';
import { chooseGreeting, MAIL_TEXT_BY_LOCALE } from './mail-text-by-locale.js';
import type { RenderedMail } from './rendered-mail.js';

export type PasswordChangedMail = Extract<OutgoingMail, { kind: 'password-changed' }>;

/**
 * The notice after a completed reset, with one link: "this wasn't me" (our `/secure` page, its
 * secret in the fragment). The link asks for nothing, no password and no sign-in: its page only
 * restricts the account, so a phisher's copy of this mail would gain nothing from it. The link
 * carries a secret: the rendered mail must go to the transport only, never to a log.
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
      {
        type: 'link',
        url: mail.disputeLink,
        buttonLabel: copy.secureButtonLabel,
        introText: copy.secureLinkIntroText,
        fallbackIntroHtml: copy.secureLinkFallbackHtml,
      },
      { type: 'paragraph', text: copy.secureExpiry },
      { type: 'signature', text: fillTemplate(text.signature, applicationName) },
    ],
  });
}
