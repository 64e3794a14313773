import type { CommonPasswordList } from '../password-policy.js';
import type { AuditLog } from './audit-port.js';
import type { BreachedPasswordCheck } from './breached-password-port.js';
import type { ClientDirectory } from './client-port.js';
import type { DisputeStore } from './dispute-port.js';
import type { Mailer, WebhookSender } from './delivery-ports.js';
import type { ResetJobQueue } from './job-ports.js';
import type { RateLimits } from './rate-limits-port.js';
import type { ResetRequestIntake } from './reset-request-intake-port.js';
import type { ResetCodeFlowStore } from './reset-code-flow-port.js';
import type { ResetTokenStore } from './reset-token-port.js';
import type { TemporaryPasswordStore } from './temporary-password-port.js';
import type { UserDirectories } from './user-directory-port.js';

export type * from './audit-port.js';
export type * from './breached-password-port.js';
export type * from './client-port.js';
export type * from './dispute-port.js';
export type * from './delivery-ports.js';
export type * from './job-ports.js';
export type * from './rate-limits-port.js';
export type * from './reset-request-intake-port.js';
export type * from './reset-code-flow-port.js';
export type * from './reset-token-port.js';
export type * from './temporary-password-port.js';
export type * from './user-directory-port.js';
export { LEGACY_APIS } from './client-port.js';
export { DEFAULT_USER_DIRECTORY } from './user-directory-port.js';
export { DEFAULT_SECRET_RESERVATION_SECONDS } from './reset-token-port.js';
export { MAX_WRONG_CODES_PER_FLOW, RESET_CODE_DIGITS } from './reset-code-flow-port.js';
export { DISPUTE_SECRET_LIFETIME_SECONDS } from './dispute-port.js';

export interface Clock {
  now(): Date;
}

/** What "this wasn't me" needs besides its store: where the link points, and how long a dispute blocks reset mails. */
export interface DisputeSettings {
  /** Our page a dispute link opens (`${PUBLIC_BASE_URL}/secure`); the secret goes in its fragment. */
  readonly pageUrl: string;
  /** How long, in seconds, a dispute blocks reset mails to the user (DISPUTE_LOCK). */
  readonly lockSeconds: number;
}

/** Everything the engine needs from the world; the server builds it from real adapters. */
export interface ResetPorts {
  readonly tokens: ResetTokenStore;
  readonly temporaryPasswords: TemporaryPasswordStore;
  /** Code flows (`method: "code"`): a mailed 8-digit code instead of a link. */
  readonly codeFlows: ResetCodeFlowStore;
  /** "This wasn't me": dispute secrets (mailed with "password changed") and the reset locks they set. */
  readonly disputes: DisputeStore;
  readonly disputeSettings: DisputeSettings;
  /** Every user directory, by name; the engine resolves users in the calling client's (ResetClient.directory). */
  readonly users: UserDirectories;
  readonly clients: ClientDirectory;
  readonly jobs: ResetJobQueue;
  readonly mail: Mailer;
  readonly webhooks: WebhookSender;
  readonly limits: RateLimits;
  readonly audit: AuditLog;
  /**
   * A reset request's throttles, job and audit record in one step, where the store can do that
   * (the Redis one: one script); absent, the engine takes limits, jobs and audit in turn (sequentialIntake).
   */
  readonly intake?: ResetRequestIntake | undefined;
  readonly clock: Clock;
  readonly commonPasswords: CommonPasswordList;
  /** A corpus of breached passwords, asked after the local rules pass; absent: none is configured. */
  readonly breachedPasswords?: BreachedPasswordCheck | undefined;
}
