import { passwordResetEventSchema, type PasswordResetEvent } from '@pwreset/contract';
import { verifySignedBody, type SignatureRefusalReason, type SignedBody } from './reset-signature.js';

export interface VerifyWebhookOptions extends SignedBody {
  /** The client secret the application was registered with. */
  readonly clientSecret: string;
}

export type WebhookVerification =
  { readonly ok: true; readonly event: PasswordResetEvent } | { readonly ok: false; readonly reason: SignatureRefusalReason };

const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The key the service signs with: derived from the client secret, so no other secret is shared. */
async function signingKey(clientSecret: string): Promise<string> {
  return toBase64Url(await crypto.subtle.digest('SHA-256', encoder.encode(`pwreset webhook signing key\0${clientSecret}`)));
}

/**
 * Checks a webhook delivery: the signature over `<t>.<body>` with the key derived from the
 * client secret, and the timestamp's age (refusing replays). Web Crypto only: runs in Node 20+,
 * browsers, and edge runtimes.
 */
export async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<WebhookVerification> {
  const verified = await verifySignedBody(await signingKey(options.clientSecret), options);
  if (!verified.ok) return verified;
  // Every event the service sends (`password_reset.completed`, `password_reset.disputed`), told apart by `type`.
  const event = passwordResetEventSchema.safeParse(verified.payload);
  return event.success ? { ok: true, event: event.data } : { ok: false, reason: 'BAD_PAYLOAD' };
}
