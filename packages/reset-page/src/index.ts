export { mountResetPage, type MountResetPageOptions, type MountedResetPage } from './mount-reset-page.js';
export { readSecretFromFragment, takeSecretFromAddressBar, type AddressBar } from './reset-secret-fragment.js';
export {
  checkPasswordLive,
  countPasswordBytes,
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
  type ApiResult,
  type ResetApiClient,
  type ResetApiClientOptions,
  type ResetLinkDetails,
  type ResetPageFailure,
} from './reset-api.js';
export { failureEndsTheLink, isResetPageFailureCode, type ResetPageFailureCode } from './failure-codes.js';
