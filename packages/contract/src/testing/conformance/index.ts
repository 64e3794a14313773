// One conformance suite per engine port, each run against every adapter of that port (in memory
// here, Redis/BullMQ/SendGrid/outbox in the server). They call vitest's describe/it/expect, so
// only a vitest test file may import this entry.
export { describeDisputeStoreConformance, type MakeDisputeStore } from './dispute-store-conformance.js';
export { describeResetTokenStoreConformance, type MakeResetTokenStore } from './reset-token-store-conformance.js';
export { describeResetLockedIssueConformance, type MakeResetLockedIssueStores } from './reset-locked-issue-conformance.js';
export { describeResetCodeFlowStoreConformance, type MakeResetCodeFlowStore } from './reset-code-flow-store-conformance.js';
export { describeTemporaryPasswordStoreConformance, type MakeTemporaryPasswordStore } from './temporary-password-store-conformance.js';
export {
  describeUserDirectoryConformance,
  EMBEDDED_USER_DIRECTORY_RULES,
  type MakeUserDirectory,
  type UserDirectoryRules,
  type SeededUser,
  type UserDirectoryUnderTest,
} from './user-directory-conformance.js';
export {
  describeClientDirectoryConformance,
  type MakeClientDirectory,
  type SeededClient,
  type ClientDirectoryUnderTest,
} from './client-directory-conformance.js';
export {
  describeRateLimitsConformance,
  type MakeRateLimits,
  type RateLimitsSettingsUnderTest,
  type RateLimitsUnderTest,
} from './rate-limits-conformance.js';
export { describeAuditLogConformance, type MakeAuditLog, type AuditLogUnderTest, type ReadAuditEntry } from './audit-log-conformance.js';
export { describeJobQueueConformance, SAMPLE_RESET_JOBS, type MakeJobQueue, type JobQueueUnderTest } from './job-queue-conformance.js';
export {
  describeMailerConformance,
  SAMPLE_MAILS,
  type MakeMailer,
  type MailerUnderTest,
  type DeliveredMailUnderTest,
} from './mailer-conformance.js';
export {
  describeResetRequestIntakeConformance,
  type MakeResetRequestIntake,
  type ResetRequestIntakeUnderTest,
  type IntakeLimitsUnderTest,
  type AuditedRequest,
} from './reset-request-intake-conformance.js';
