import type { PasswordResetEvent } from '../jobs.js';
import type { SupportedLocale } from '../schemas.js';

export interface ResetMailBase {
  readonly to: string;
  readonly recipientName?: string;
  readonly locale: SupportedLocale;
  /** The application on whose behalf we write. */
  readonly applicationName: string;
  /** Display name of the sender; the application's name when absent. */
  readonly senderName?: string;
  /** The provider's template to render this mail with instead of ours, when the client chose one. */
  readonly providerTemplateId?: string;
}

/** A mail leaving the service. The reset mail carries the link with the secret: never log it. */
export type OutgoingMail =
  | (ResetMailBase & { readonly kind: 'password-reset'; readonly resetLink: string; readonly expiresAt: Date })
  /** Carries the dispute link ("this wasn't me", `…/secure#token=…`) with its secret: never log it. */
  | (ResetMailBase & { readonly kind: 'password-changed'; readonly changedAt: Date; readonly disputeLink: string })
  /** Antel's flow: a short temporary password instead of a link. Never log it. */
  | (ResetMailBase & { readonly kind: 'temporary-password'; readonly temporaryPassword: string; readonly expiresAt: Date })
  /** A code flow (`method: "code"`): an 8-digit code instead of a link. Never log it. */
  | (ResetMailBase & { readonly kind: 'reset-code'; readonly code: string; readonly expiresAt: Date });

export interface Mailer {
  /**
   * Delivers one mail; rejects when the transport refused it. `idempotencyKey` is the same for
   * every attempt of one job, so a mail is sent at most once.
   */
  send(mail: OutgoingMail, options: { readonly idempotencyKey: string }): Promise<void>;
}

export interface WebhookSender {
  /** POSTs the event, signed, to the client's webhook URL; rejects when it was not accepted. */
  deliver(clientId: string, event: PasswordResetEvent, options: { readonly idempotencyKey: string }): Promise<void>;
}
