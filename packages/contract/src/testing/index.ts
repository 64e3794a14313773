// Test doubles of every engine port, for this package's tests and the other packages'. No vitest here:
// the conformance suites, which need it, are at `@pwreset/contract/testing/conformance`.
export { controllableClock, type ControllableClock } from './controllable-clock.js';
export { inMemoryResetTokenStore, type InMemoryResetTokenStoreOptions } from './in-memory-reset-token-store.js';
export { inMemoryDisputeStore, type InMemoryDisputeStoreOptions } from './in-memory-dispute-store.js';
export { inMemoryResetCodeFlowStore, type InMemoryResetCodeFlowStoreOptions } from './in-memory-reset-code-flow-store.js';
export { inMemoryTemporaryPasswordStore, type InMemoryTemporaryPasswordStoreOptions } from './in-memory-temporary-password-store.js';
export {
  inMemoryUserDirectory,
  inMemoryUserDirectories,
  type InMemoryUserDirectory,
  type InMemoryUserDirectories,
  type NewTestUser,
  type AddTestUserResult,
} from './in-memory-user-directory.js';
export {
  inMemoryClientDirectory,
  testResetClient,
  TEST_HOSTED_RESET_PAGE_URL,
  type InMemoryClientDirectory,
} from './in-memory-client-directory.js';
export { inMemoryRateLimits, type InMemoryRateLimits, type InMemoryRateLimitsOptions, type TestLimit } from './in-memory-rate-limits.js';
export { inMemoryAuditLog, type InMemoryAuditLog, type AuditEntry } from './in-memory-audit-log.js';
export { inMemoryJobQueue, type InMemoryJobQueue } from './in-memory-job-queue.js';
export { recordingMailer, type RecordingMailer, type SentMail } from './recording-mailer.js';
export { recordingWebhookSender, type RecordingWebhookSender, type DeliveredWebhook } from './recording-webhook-sender.js';
export { testCommonPasswordList, TEST_COMMON_PASSWORDS } from './test-common-passwords.js';
export { inMemoryBreachedPasswords, type InMemoryBreachedPasswords } from './in-memory-breached-passwords.js';
export {
  createInMemoryResetPorts,
  TEST_DISPUTE_PAGE_URL,
  type InMemoryResetPorts,
  type InMemoryResetPortsOptions,
} from './in-memory-reset-ports.js';
export { runQueuedJobs, type RanJob } from './run-queued-jobs.js';
export { disputeSecretFromMail, resetCodeFromMail, resetSecretFromMail, temporaryPasswordFromMail } from './reset-secret-from-mail.js';
export { testResetApiContext, type TestCallerOptions } from './reset-api-context.js';
export { resetErrorOf } from './reset-error-of.js';
