/**
 * A translation that must contain `{Name}`. The compiler then refuses a locale that drops a
 * placeholder, such as a reset mail that forgets to say which application asked.
 */
type WithPlaceholder<Name extends string> = `${string}{${Name}}${string}`;

/** Everything the mails say, in one language. Values are filled in with fillTemplate. */
/** The copy of a mail that carries a secret to type in (a temporary password, a code), and no link. */
export interface SecretMailText {
  readonly subject: WithPlaceholder<'applicationName'>;
  /** Must never contain the secret: clients show preheaders in notifications. */
  readonly preheader: string;
  readonly intro: WithPlaceholder<'applicationName'>;
  readonly instruction: WithPlaceholder<'expiresAt'>;
  readonly notRequested: WithPlaceholder<'applicationName'>;
}

export interface MailText {
  readonly greetingWithName: WithPlaceholder<'recipientName'>;
  readonly greetingWithoutName: string;
  readonly signature: WithPlaceholder<'applicationName'>;
  readonly passwordReset: {
    readonly subject: WithPlaceholder<'applicationName'>;
    /** Shown by mail clients next to the subject; hidden in the mail itself. */
    readonly preheader: WithPlaceholder<'applicationName'>;
    /** Says which application asked, and that it may not have been the reader. */
    readonly intro: WithPlaceholder<'applicationName'>;
    readonly buttonLabel: string;
    /** Plain text: leads to the link on the next line. */
    readonly linkIntroText: string;
    /** HTML: leads to the plain link under the button, for clients that break buttons. */
    readonly linkFallbackHtml: string;
    readonly expiry: WithPlaceholder<'expiresAt'>;
    readonly notRequested: string;
  };
  readonly passwordChanged: {
    readonly subject: WithPlaceholder<'applicationName'>;
    readonly preheader: string;
    readonly notice: WithPlaceholder<'applicationName'> & WithPlaceholder<'changedAt'>;
    readonly ifItWasYou: string;
    /** What securing the account does (the dispute link below it), and to contact support after. */
    readonly ifItWasNotYou: WithPlaceholder<'applicationName'>;
    /** HTML: the button that opens the dispute link ("this wasn't me", our `/secure` page). */
    readonly secureButtonLabel: string;
    /** Plain text: leads to the dispute link on the next line. */
    readonly secureLinkIntroText: string;
    /** HTML: leads to the plain dispute link under the button. */
    readonly secureLinkFallbackHtml: string;
    /** How long the dispute link works (DISPUTE_SECRET_LIFETIME_SECONDS: 7 days). */
    readonly secureExpiry: string;
  };
  /** The legacy API's temporary password, in the body only. */
  readonly temporaryPassword: SecretMailText;
  /** A code flow (`method: "code"`): an 8-digit code instead of a link. */
  readonly resetCode: SecretMailText;
}
