import type { CommonPasswordList } from '../password-policy.js';
import type { AuditLog } from './audit-port.js';
import type { ClientDirectory } from './client-port.js';
import type { Mailer, WebhookSender } from './delivery-ports.js';
import type { ResetJobQueue } from './job-ports.js';
import type { RateLimits } from './rate-limits-port.js';
import type { ResetTokenStore } from './reset-token-port.js';
import type { TemporaryPasswordStore } from './temporary-password-port.js';
import type { UserDirectories } from './user-directory-port.js';

export type * from './audit-port.js';
export type * from './client-port.js';
export type * from './delivery-ports.js';
export type * from './job-ports.js';
export type * from './rate-limits-port.js';
export type * from './reset-token-port.js';
export type * from './temporary-password-port.js';
export type * from './user-directory-port.js';
export { LEGACY_APIS } from './client-port.js';
export { DEFAULT_USER_DIRECTORY } from './user-directory-port.js';
export { DEFAULT_SECRET_RESERVATION_SECONDS } from './reset-token-port.js';

export interface Clock {
  now(): Date;
}

/** Everything the engine needs from the world; the server builds it from real adapters. */
export interface ResetPorts {
  readonly tokens: ResetTokenStore;
  readonly temporaryPasswords: TemporaryPasswordStore;
  /** Every user directory, by name; the engine resolves users in the calling client's (ResetClient.directory). */
  readonly users: UserDirectories;
  readonly clients: ClientDirectory;
  readonly jobs: ResetJobQueue;
  readonly mail: Mailer;
  readonly webhooks: WebhookSender;
  readonly limits: RateLimits;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly commonPasswords: CommonPasswordList;
}
