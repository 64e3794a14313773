import { createHmac } from 'node:crypto';

/** The header both our webhooks and our calls to HTTP user directories carry (README, "Webhooks"). */
export const RESET_SIGNATURE_HEADER = 'reset-signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the value of `Reset-Signature`.
 * `key` is used as its UTF-8 bytes: a webhook passes the signing key derived from the client secret
 * (client-credentials.ts), an HTTP directory its configured secret itself. Signing the timestamp with
 * the body lets a receiver refuse replays of old messages. `@pwreset/client` verifies it
 * (verifyWebhookSignature, verifyDirectoryRequest).
 */
export function signPayload(key: string, body: string, now: Date): string {
  const timestampSeconds = Math.floor(now.getTime() / 1000);
  const signature = createHmac('sha256', Buffer.from(key, 'utf8')).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}
