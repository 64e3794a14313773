import type { BreachedPasswordCheck, ResetPorts } from '../engine/ports.js';
import { DEFAULT_USER_DIRECTORY } from '../engine/user-directory-port.js';
import { inMemoryAuditLog, type InMemoryAuditLog } from './in-memory-audit-log.js';
import { inMemoryClientDirectory, type InMemoryClientDirectory } from './in-memory-client-directory.js';
import { inMemoryJobQueue, type InMemoryJobQueue } from './in-memory-job-queue.js';
import { inMemoryRateLimits, type InMemoryRateLimits, type InMemoryRateLimitsOptions } from './in-memory-rate-limits.js';
import { inMemoryDisputeStore } from './in-memory-dispute-store.js';
import { inMemoryResetCodeFlowStore } from './in-memory-reset-code-flow-store.js';
import { inMemoryResetTokenStore } from './in-memory-reset-token-store.js';
import { inMemoryTemporaryPasswordStore } from './in-memory-temporary-password-store.js';
import {
  inMemoryUserDirectories,
  inMemoryUserDirectory,
  type InMemoryUserDirectories,
  type InMemoryUserDirectory,
} from './in-memory-user-directory.js';
import { controllableClock, type ControllableClock } from './controllable-clock.js';
import { recordingMailer, type RecordingMailer } from './recording-mailer.js';
import { recordingWebhookSender, type RecordingWebhookSender } from './recording-webhook-sender.js';
import { testCommonPasswordList } from './test-common-passwords.js';

/** Where the in-memory ports' dispute links point (the server's is `${PUBLIC_BASE_URL}/secure`). */
export const TEST_DISPUTE_PAGE_URL = 'https://reset.example.test/secure';
/** DISPUTE_LOCK's default: a day. */
const DEFAULT_TEST_DISPUTE_LOCK_SECONDS = 86_400;

/** Every engine port in memory, typed so a test reaches each double's own handles (clock, queue, outbox…). */
export interface InMemoryResetPorts extends ResetPorts {
  readonly users: InMemoryUserDirectories;
  readonly clients: InMemoryClientDirectory;
  readonly jobs: InMemoryJobQueue;
  readonly mail: RecordingMailer;
  readonly webhooks: RecordingWebhookSender;
  readonly limits: InMemoryRateLimits;
  readonly audit: InMemoryAuditLog;
  readonly clock: ControllableClock;
}

export interface InMemoryResetPortsOptions {
  /** Default: a controllable clock at the real time. */
  readonly clock?: ControllableClock;
  /** Throttles; default: none a test reaches unless it is about them. */
  readonly limits?: Omit<InMemoryRateLimitsOptions, 'clock'>;
  /**
   * The user directories by name; default: one empty directory, `default` (DEFAULT_USER_DIRECTORY),
   * which testResetClient binds clients to. Give several to test that they are kept apart.
   */
  readonly directories?: Readonly<Record<string, InMemoryUserDirectory>>;
  /** A breach corpus (inMemoryBreachedPasswords); default: none, as without PWNED_PASSWORDS_URL. */
  readonly breachedPasswords?: BreachedPasswordCheck;
}

/** A fresh set of in-memory ports: nothing shared with any other set. */
export function createInMemoryResetPorts({
  clock = controllableClock(),
  limits = {},
  directories = { [DEFAULT_USER_DIRECTORY]: inMemoryUserDirectory() },
  breachedPasswords,
}: InMemoryResetPortsOptions = {}): InMemoryResetPorts {
  const disputes = inMemoryDisputeStore({ clock });
  return {
    tokens: inMemoryResetTokenStore({ clock, resetLocks: disputes }),
    temporaryPasswords: inMemoryTemporaryPasswordStore({ clock }),
    codeFlows: inMemoryResetCodeFlowStore({ clock }),
    disputes,
    disputeSettings: { pageUrl: TEST_DISPUTE_PAGE_URL, lockSeconds: DEFAULT_TEST_DISPUTE_LOCK_SECONDS },
    users: inMemoryUserDirectories(directories),
    clients: inMemoryClientDirectory(),
    jobs: inMemoryJobQueue(),
    mail: recordingMailer(),
    webhooks: recordingWebhookSender(),
    limits: inMemoryRateLimits({ clock, ...limits }),
    audit: inMemoryAuditLog({ clock }),
    clock,
    commonPasswords: testCommonPasswordList(),
    ...(breachedPasswords ? { breachedPasswords } : {}),
  };
}
