import type { Mailer } from '@pwreset/contract/engine';
import { writeOutboxMail } from './outbox.js';
import { renderMail } from './templates/render-mail.js';

export interface OutboxMailerOptions {
  readonly dir: string;
  readonly from: string;
  /**
   * Called with each reset link in development, so a person trying the service can click it.
   * Never wired in production: the link is a live secret.
   */
  readonly onResetLink?: (to: string, link: string) => void;
}

/** The development mailer: each mail becomes a file in the outbox instead of leaving the machine. */
export function outboxMailer({ dir, from, onResetLink }: OutboxMailerOptions): Mailer {
  return {
    async send(mail) {
      // The outbox cannot fail halfway like a network send: the idempotency key is not needed here.
      const rendered = renderMail(mail);
      await writeOutboxMail(dir, {
        kind: mail.kind,
        to: mail.to,
        from: `${mail.senderName ?? mail.applicationName} <${from}>`,
        ...rendered,
      });
      if (mail.kind === 'password-reset') onResetLink?.(mail.to, mail.resetLink);
    },
  };
}
