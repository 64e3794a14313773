export type * from './ports.js';
export {
  LEGACY_APIS,
  DEFAULT_USER_DIRECTORY,
  DEFAULT_SECRET_RESERVATION_SECONDS,
  MAX_WRONG_CODES_PER_FLOW,
  RESET_CODE_DIGITS,
  DISPUTE_SECRET_LIFETIME_SECONDS,
} from './ports.js';
export { namedUserDirectories } from './named-user-directories.js';
export { chooseResetUrl, isAllowedResetUrl } from './reset-urls.js';
export { requestPasswordReset } from './request-reset.js';
export { processResetJob, type ResetJobOutcome } from './process-job.js';
export { inspectPasswordReset } from './inspect-reset.js';
export { completePasswordReset } from './complete-reset.js';
export { completeCodeReset } from './complete-code-reset.js';
export { findActiveReset, type ActiveReset, type ResetScope } from './find-active-reset.js';
export { effectivePasswordPolicy } from './effective-password-policy.js';
export { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';
export { requestLegacyPasswordReset, type LegacyResetRequest } from './request-legacy-reset.js';
export { completePasswordResetForAccount, type AccountResetCompletion } from './complete-reset-for-account.js';
export { completeTemporaryPasswordReset, type TemporaryPasswordCompletion } from './complete-temporary-password-reset.js';
export { answerForUnknownAccount, type LegacyEngineOptions } from './legacy-engine-options.js';
export { disputePasswordChange } from './dispute-password-change.js';
export { resetsLockedByDispute } from './reset-lock.js';
export { startAdminReset, type AdminResetStart, type AdminResetTarget } from './start-admin-reset.js';
export { PROVIDER_TEMPLATE_KINDS } from './provider-template.js';
export { resetRequestAuditEvent, sequentialIntake } from './reset-request-intake-port.js';
export type { ProviderTemplateKind } from './provider-template.js';
