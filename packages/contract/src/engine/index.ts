export type * from './ports.js';
export { requestPasswordReset } from './request-reset.js';
export { processResetJob, type ResetJobOutcome } from './process-job.js';
export { inspectPasswordReset } from './inspect-reset.js';
export { completePasswordReset } from './complete-reset.js';
export { findActiveReset, type ActiveReset } from './find-active-reset.js';
export { RESET_ERROR_BY_TOKEN_STATUS } from './token-failures.js';
