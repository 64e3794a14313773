export { verifyWebhookSignature, type VerifyWebhookOptions, type WebhookVerification } from './verify-webhook-signature.js';
export {
  verifyDirectoryRequest,
  type DirectoryRequestBody,
  type DirectoryRequestVerification,
  type VerifyDirectoryRequestOptions,
} from './verify-directory-request.js';
export type { SignatureRefusalReason } from './reset-signature.js';
