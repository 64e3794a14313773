/**
 * A translation that must contain `{Name}`. The compiler then refuses a locale that drops a
 * placeholder, such as a reset mail that forgets to say which application asked.
 */
type WithPlaceholder<Name extends string> = `${string}{${Name}}${string}`;

/** Everything the mails say, in one language. Values are filled in with fillTemplate. */
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
    /** Points to the application's own "forgot password" and support: the mail carries no link. */
    readonly ifItWasNotYou: WithPlaceholder<'applicationName'>;
  };
  readonly temporaryPassword: {
    readonly subject: WithPlaceholder<'applicationName'>;
    /** Must never contain the password: clients show preheaders in notifications. */
    readonly preheader: string;
    readonly intro: WithPlaceholder<'applicationName'>;
    readonly instruction: WithPlaceholder<'expiresAt'>;
    readonly notRequested: WithPlaceholder<'applicationName'>;
  };
}
