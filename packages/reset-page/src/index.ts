export { mountResetPage, type MountResetPageOptions, type MountedResetPage } from './mount-reset-page.js';
export { mountResetCodeForm, type MountResetCodeFormOptions } from './mount-reset-code-form.js';
export { mountSecurePage, type MountSecurePageOptions, type MountedSecurePage } from './mount-secure-page.js';
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
export { CODE_FORM_MESSAGES } from './messages/code-form-messages.js';
export { SECURE_PAGE_MESSAGES, type SecurePageMessages } from './messages/secure-page-messages.js';
export { loadMessages } from './messages/load-messages.js';
export type { CodeFormMessages, OutcomeText, ReasonContext, ResetPageMessages } from './messages/reset-page-messages.js';
export {
  createResetApiClient,
  apiCaller,
  failureFrom,
  type ApiResult,
  type ResetApiClient,
  type ResetApiClientOptions,
  type ResetLinkDetails,
  type ResetPageFailure,
} from './reset-api.js';
export { failureEndsTheLink, isResetPageFailureCode, type ResetPageFailureCode } from './failure-codes.js';
export { createResetCodeApiClient, type ResetCodeApiClient } from './reset-code-api.js';
export { createDisputeApiClient, type DisputeApiClient } from './dispute-api.js';
