import type { SupportedLocale } from '../schemas.js';
import type { CommonPasswordList, PasswordPolicy } from '../password-policy.js';

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
  | { readonly status: 'unknown' | 'expired' | 'used' | 'superseded' };

/**
 * Reset secrets. Implementations keep only a keyed hash of each secret, never the secret.
 */
export interface ResetTokenStore {
  /**
   * Creates a new secret for the user and kills every older one of that user.
   * `ttlSeconds`: lifetime in seconds. Returns the raw secret: the only time it exists
   * outside the mail that carries it.
   */
  issue(input: { userId: string; clientId: string; ttlSeconds: number }): Promise<{ secret: string; expiresAt: Date }>;
  /** Reads a secret's state without consuming it. */
  inspect(secret: string): Promise<ResetTokenLookup>;
  /**
   * Atomically consumes an active secret: of any number of concurrent calls with the same
   * secret, exactly one sees `active`; the others see `used`.
   */
  consume(secret: string): Promise<ResetTokenLookup>;
  /** Kills every outstanding secret of the user (after a completed reset). */
  revokeAllForUser(userId: string): Promise<void>;
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
}

/** A mail leaving the service. The reset mail carries the link with the secret: never log it. */
export type OutgoingMail =
  | (ResetMailBase & { readonly kind: 'password-reset'; readonly resetLink: string; readonly expiresAt: Date })
  | (ResetMailBase & { readonly kind: 'password-changed'; readonly changedAt: Date });

export interface Mailer {
  /** Delivers one mail; rejects when the transport refused it. */
  send(mail: OutgoingMail): Promise<void>;
}

/** Work done after the request has been answered, so its timing says nothing. */
export type ResetJob =
  | {
      readonly type: 'reset-requested';
      /** Normalised address as the caller gave it; the account may not exist. */
      readonly email: string;
      readonly locale?: string;
      readonly clientId: string;
      /** The link target the caller chose from the client's allowlist; else the client's default. */
      readonly resetUrl?: string;
    }
  | { readonly type: 'password-changed'; readonly userId: string; readonly clientId: string; readonly changedAt: string };

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
  readonly users: UserDirectory;
  readonly clients: ClientDirectory;
  readonly jobs: ResetJobQueue;
  readonly mail: Mailer;
  readonly clock: Clock;
  readonly commonPasswords: CommonPasswordList;
}
