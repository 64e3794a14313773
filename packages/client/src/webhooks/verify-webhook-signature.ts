import { passwordResetCompletedEventSchema, type PasswordResetCompletedEvent } from '@pwreset/contract';

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (before any JSON parsing). */
  readonly body: string;
  /** The `Reset-Signature` header: `t=<unix seconds>,v1=<hex>`. */
  readonly signatureHeader: string | null | undefined;
  /** The client secret the application was registered with. */
  readonly clientSecret: string;
  /** How old a delivery may be, in seconds, before it is refused as a replay. Default 300. */
  readonly toleranceSeconds?: number;
  readonly now?: () => Date;
}

export type WebhookVerification =
  | { readonly ok: true; readonly event: PasswordResetCompletedEvent }
  | {
      readonly ok: false;
      readonly reason: 'MISSING_SIGNATURE' | 'MALFORMED_SIGNATURE' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'BAD_SIGNATURE' | 'BAD_PAYLOAD';
    };

const encoder = new TextEncoder();

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The key the service signs with: derived from the client secret, so no other secret is shared. */
async function signingKey(clientSecret: string): Promise<string> {
  return toBase64Url(await crypto.subtle.digest('SHA-256', encoder.encode(`pwreset webhook signing key\0${clientSecret}`)));
}

/** Compares two equal-length hex strings without an early exit on the first difference. */
function constantTimeEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/**
 * Checks a webhook delivery: the signature over `<t>.<body>` with the key derived from the
 * client secret, and the timestamp's age (refusing replays). Web Crypto only: runs in Node 20+,
 * browsers, and edge runtimes.
 */
export async function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<WebhookVerification> {
  const { body, signatureHeader, clientSecret, toleranceSeconds = 300, now = () => new Date() } = options;
  if (!signatureHeader) return { ok: false, reason: 'MISSING_SIGNATURE' };
  const parts = Object.fromEntries(signatureHeader.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  const signature = parts.v1;
  if (!Number.isInteger(timestamp) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  if (Math.abs(now().getTime() / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(await signingKey(clientSecret)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const expected = toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  if (!constantTimeEquals(expected, signature)) return { ok: false, reason: 'BAD_SIGNATURE' };
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'BAD_PAYLOAD' };
  }
  const event = passwordResetCompletedEventSchema.safeParse(payload);
  return event.success ? { ok: true, event: event.data } : { ok: false, reason: 'BAD_PAYLOAD' };
}
