import { createHmac } from 'node:crypto';

/**
 * `Reset-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the
 * client's webhook signing key (derived from its client secret; see client-credentials.ts).
 * Signing the timestamp with the body lets a receiver refuse replays of old deliveries.
 */
export function signWebhook(signingKey: string, body: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', signingKey).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}
