export {
  createPublicResetClient,
  createResetClient,
  type ResetClient,
  type ResetClientOptions,
  type ResetClientTransport,
} from './create-reset-client.js';
export {
  AccessTokenError,
  cachedAccessTokenSource,
  clientCredentialsTokenSource,
  type AccessTokenSource,
  type ClientCredentials,
  type IssuedAccessToken,
} from './access-token-source.js';
export { isResetError, resetErrorCode, type ResetClientError } from './reset-errors.js';
