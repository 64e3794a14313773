import type { PasswordResetCompletedEvent, ResetJob } from '../jobs.js';
import type { SupportedLocale } from '../schemas.js';
import type { CommonPasswordList, PasswordPolicy } from '../password-policy.js';
import type { AuditLog } from './audit-port.js';
import type { RateLimits } from './rate-limits-port.js';
import type { TemporaryPasswordStore } from './temporary-password-port.js';

export type * from './audit-port.js';
export type * from './rate-limits-port.js';
export type * from './temporary-password-port.js';

/** What the reset store knows about a live secret. Never holds the secret itself. */
export interface ResetTokenRecord {
  readonly userId: string;
  /** The application that asked for the reset. */
  readonly clientId: string;
  readonly issuedAt: Date;
  /** The secret stops working at this instant. */
  readonly expiresAt: Date;
}

export type ResetTokenLookup =
  | { readonly status: 'active'; readonly record: ResetTokenRecord }
  | { readonly status: 'unknown' | 'expired' | 'used' | 'superseded' | 'locked' };

/**
 * Reset secrets. Implementations keep only a keyed hash of each secret, never the secret.
 */
export interface ResetTokenStore {
  /**
   * Creates a new secret for the user and kills every older one of that user. It stops working
   * at `expiresAt`. Returns the raw secret (the only time it exists outside the mail that carries
   * it) and its `tokenId`, a keyed hash that may be stored to look the secret's state up later.
   */
  issue(input: { userId: string; clientId: string; expiresAt: Date }): Promise<{ secret: string; tokenId: string; expiresAt: Date }>;
  /** Reads a secret's state without consuming it. */
  inspect(secret: string): Promise<ResetTokenLookup>;
  /** Reads the state of a secret by the `tokenId` that `issue` returned. */
  inspectById(tokenId: string): Promise<ResetTokenLookup>;
  /**
   * Atomically consumes an active secret: of any number of concurrent calls with the same
   * secret, exactly one sees `active`; the others see `used`.
   */
  consume(secret: string): Promise<ResetTokenLookup>;
  /** Kills every outstanding secret of the user (after a completed reset). */
  revokeAllForUser(userId: string): Promise<void>;
  /**
   * Counts one failed attempt with an active secret (a refused password); the secret is
   * `locked` for good once it has had `maxFailedAttempts`. Returns whether it is now locked.
   */
  recordFailedAttempt(secret: string, maxFailedAttempts: number): Promise<{ locked: boolean }>;
}

export interface UserAccount {
  readonly id: string;
  /** The address as the user registered it. */
  readonly email: string;
  readonly name?: string;
  readonly locale?: string;
  /** A disabled account never receives a reset mail. */
  readonly disabled: boolean;
}

/** The accounts whose passwords we reset. The engine changes passwords only through this port. */
export interface UserDirectory {
  /** Looks an account up by address; the implementation normalises it (see normalizeEmail). */
  findByEmail(email: string): Promise<UserAccount | null>;
  findById(userId: string): Promise<UserAccount | null>;
  /** Compares in constant time against the stored hash. */
  verifyPassword(userId: string, password: string): Promise<boolean>;
  /** Hashes (argon2id) and stores the new password. */
  setPassword(userId: string, password: string): Promise<void>;
}

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
  | (ResetMailBase & { readonly kind: 'password-changed'; readonly changedAt: Date })
  /** Antel's flow: a short temporary password instead of a link. Never log it. */
  | (ResetMailBase & { readonly kind: 'temporary-password'; readonly temporaryPassword: string; readonly expiresAt: Date });

export interface Mailer {
  /**
   * Delivers one mail; rejects when the transport refused it. `idempotencyKey` is the same for
   * every attempt of one job, so a mail is sent at most once.
   */
  send(mail: OutgoingMail, options: { readonly idempotencyKey: string }): Promise<void>;
}

export interface WebhookSender {
  /** POSTs the event, signed, to the client's webhook URL; rejects when it was not accepted. */
  deliver(clientId: string, event: PasswordResetCompletedEvent, options: { readonly idempotencyKey: string }): Promise<void>;
}

export type { ResetJob };

/** What a job's run knows about its earlier attempts. */
export interface JobAttempt {
  /** The same for every attempt of one job. */
  readonly jobId: string;
  /** The secret an earlier attempt issued (its tokenId, never the secret), if any. */
  readonly issuedTokenId?: string;
  /** Records the secret this attempt issued, before the mail leaves. */
  rememberIssuedToken(tokenId: string): Promise<void>;
}

/** Work done after the request has been answered, so its timing says nothing. */
export interface ResetJobQueue {
  /** Accepts the job for later processing; resolves once it is durably queued, not when done. */
  enqueue(job: ResetJob): Promise<void>;
}

/** The legacy APIs a client may be allowed to use. */
export const LEGACY_APIS = ['cameramanager', 'trafficops', 'antel', 'teenquotes'] as const;
export type LegacyApi = (typeof LEGACY_APIS)[number];

/** An application registered to use the service, as the engine sees it. */
export interface ResetClient {
  readonly id: string;
  readonly name: string;
  /** The display name of the sender of this client's mails. */
  readonly senderName: string;
  /** Lifetime of this client's reset links, in seconds (1 hour to 3 days). */
  readonly resetTokenTtlSeconds: number;
  readonly defaultLocale: SupportedLocale;
  readonly passwordPolicy: PasswordPolicy;
  /**
   * Exact URLs this client's links may point to; the first is the default. Always ends with our
   * hosted page. The secret is appended as the fragment `#token=`.
   */
  readonly resetUrls: readonly string[];
  readonly legacyApis: readonly LegacyApi[];
  /** Where `password_reset.completed` events are POSTed, if anywhere. */
  readonly webhookUrl?: string;
  /**
   * The mail provider's own templates to use instead of ours, by `<mail kind>.<locale>`
   * (e.g. `password-reset.nl` → a SendGrid dynamic template id).
   */
  readonly mailTemplateIds?: Readonly<Record<string, string>>;
}

export interface ClientDirectory {
  findById(clientId: string): Promise<ResetClient | null>;
}

export interface Clock {
  now(): Date;
}

/** Everything the engine needs from the world; the server builds it from real adapters. */
export interface ResetPorts {
  readonly tokens: ResetTokenStore;
  readonly temporaryPasswords: TemporaryPasswordStore;
  readonly users: UserDirectory;
  readonly clients: ClientDirectory;
  readonly jobs: ResetJobQueue;
  readonly mail: Mailer;
  readonly webhooks: WebhookSender;
  readonly limits: RateLimits;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly commonPasswords: CommonPasswordList;
}
