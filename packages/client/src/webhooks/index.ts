export { verifyWebhookSignature, type VerifyWebhookOptions, type WebhookVerification } from './verify-webhook-signature.js';
