/**
 * The `Reset-Signature` check shared by webhooks and HTTP user directory requests:
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Web Crypto only: runs in Node 20+,
 * browsers and edge runtimes.
 */

/** Why a signed body was refused. */
export type SignatureRefusalReason =
  'MISSING_SIGNATURE' | 'MALFORMED_SIGNATURE' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'BAD_SIGNATURE' | 'BAD_PAYLOAD';

export interface SignedBody {
  /** The raw request body, exactly as received (before any JSON parsing). */
  readonly body: string;
  /** The `Reset-Signature` header: `t=<unix seconds>,v1=<hex>`. */
  readonly signatureHeader: string | null | undefined;
  /** How old a message may be, in seconds, before it is refused as a replay. Default 300. */
  readonly toleranceSeconds?: number;
  readonly now?: () => Date;
}

export type SignedBodyVerification =
  { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly reason: SignatureRefusalReason };

const DEFAULT_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares two equal-length hex strings without an early exit on the first difference. */
function constantTimeEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/**
 * Checks the signature over `<t>.<body>` with `key` (its UTF-8 bytes), then the timestamp's age
 * (refusing replays), then parses the body as JSON. The payload's shape is the caller's to check.
 */
export async function verifySignedBody(key: string, options: SignedBody): Promise<SignedBodyVerification> {
  const { body, signatureHeader, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = () => new Date() } = options;
  if (!signatureHeader) return { ok: false, reason: 'MISSING_SIGNATURE' };
  const parts = Object.fromEntries(signatureHeader.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  const signature = parts.v1;
  if (!Number.isInteger(timestamp) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  if (Math.abs(now().getTime() / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  const hmacKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = toHex(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(`${timestamp}.${body}`)));
  // Prevent any possibility of a timing attack by using a constant-time comparison.
  if (!constantTimeEquals(expected, signature)) return { ok: false, reason: 'BAD_SIGNATURE' };
  try {
    return { ok: true, payload: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, reason: 'BAD_PAYLOAD' };
  }
}
