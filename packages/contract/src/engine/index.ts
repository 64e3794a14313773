export type * from './ports.js';
export { LEGACY_APIS } from './ports.js';
export { chooseResetUrl, isAllowedResetUrl } from './reset-urls.js';
export { requestPasswordReset } from './request-reset.js';
export { processResetJob, type ResetJobOutcome } from './process-job.js';
export { inspectPasswordReset } from './inspect-reset.js';
export { completePasswordReset } from './complete-reset.js';
export { findActiveReset, type ActiveReset, type ResetScope } from './find-active-reset.js';
export { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';
