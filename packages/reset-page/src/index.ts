export { mountResetPage, type MountResetPageOptions, type MountedResetPage } from './mount-reset-page.js';
export { readSecretFromFragment, takeSecretFromAddressBar, type AddressBar } from './reset-secret-fragment.js';
export {
  checkPasswordLive,
  countPasswordLength,
  type LivePasswordCheck,
  type PasswordLengthPolicy,
  type PasswordLengthStatus,
  type PasswordMatchStatus,
} from './live-password-check.js';
export { chooseLocale } from './choose-locale.js';
export { RESET_PAGE_LOCALES, type ResetPageLocale } from './messages/locales.js';
export { RESET_PAGE_MESSAGES } from './messages/message-tables.js';
export { loadMessages } from './messages/load-messages.js';
export type { OutcomeText, ReasonContext, ResetPageMessages } from './messages/reset-page-messages.js';
export {
  createResetApiClient,
  failureFrom,
  PASSWORD_REFUSAL_REASONS,
  RESET_PAGE_FAILURE_CODES,
  type ApiResult,
  type PasswordRefusalReason,
  type ResetApiClient,
  type ResetApiClientOptions,
  type ResetLinkDetails,
  type ResetPageFailure,
  type ResetPageFailureCode,
} from './reset-api.js';
