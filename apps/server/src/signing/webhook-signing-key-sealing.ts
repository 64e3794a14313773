import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { PEPPER_KEY_ID, type KeyRing } from '../tokens/key-ring.js';

/**
 * Fixed HKDF info: the sealing key is bound to this one use, so the same TOKEN_PEPPER that keys the
 * reset-secret hashes never serves as an encryption key itself. Changing it makes every sealed key unreadable.
 */
const SEALING_KEY_INFO = 'pwreset webhook signing key sealing v1';

/**
 * The stored form: `v1:<iv>:<ciphertext>:<tag>` (each part base64url) under the key `pepper`, as every value
 * sealed before key ids existed; `v1:<key id>:<iv>:<ciphertext>:<tag>` under any other key of TOKEN_PEPPERS.
 * A key id (at most 8 characters) never passes for an IV (16).
 */
const SEALED_PREFIX = 'v1:';
const SEALED_FORM = /^v1:(?:([a-z0-9]{1,8}):)?[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+:[A-Za-z0-9_-]{22}$/;

/** A sealed value that does not open: another TOKEN_PEPPER, another client's value, or a damaged one. Names the client, never a value. */
export class UnreadableWebhookSigningKeyError extends Error {
  constructor(readonly clientId: string) {
    super(
      `the webhook signing key of client ${clientId} cannot be decrypted: it was stored under another TOKEN_PEPPER (or a key TOKEN_PEPPERS no longer lists), or it is damaged`,
    );
    this.name = 'UnreadableWebhookSigningKeyError';
  }
}

export interface WebhookSigningKeySealer {
  /** AES-256-GCM with a fresh random 96-bit IV; the client id is the associated data, so a sealed value cannot be moved to another client. */
  seal(clientId: string, signingKey: string): string;
  /** The signing key, opened with the key its sealed form names; throws UnreadableWebhookSigningKeyError when it does not open. */
  open(clientId: string, sealed: string): string;
  /** The id of the key a sealed value was sealed under (`pepper` for the form without one); null for a value not sealed. */
  keyIdOf(sealed: string): string | null;
}

/** Whether a stored value is in the sealed form (a key written before sealing is 43 base64url characters, without a colon). */
export function isSealedWebhookSigningKey(value: string): boolean {
  return SEALED_FORM.test(value);
}

/** The sealed form's key id: `pepper` when it names none; null when the value is not in the sealed form. */
function sealedKeyIdOf(sealed: string): string | null {
  const match = SEALED_FORM.exec(sealed);
  return match ? (match[1] ?? PEPPER_KEY_ID) : null;
}

/**
 * Seals webhook signing keys under a key derived from the ring's current key (HKDF-SHA-256), and opens them
 * with the key their form names, so a rotation leaves every sealed value readable while the old key is listed.
 */
export function webhookSigningKeySealer(keyRing: KeyRing): WebhookSigningKeySealer {
  const derived = new Map(
    keyRing.keys.map((tokenKey) => [
      tokenKey.id,
      Buffer.from(hkdfSync('sha256', Buffer.from(tokenKey.secret, 'utf8'), Buffer.alloc(0), SEALING_KEY_INFO, 32)),
    ]),
  );
  const currentKey = derived.get(keyRing.current.id)!;
  const sealedPrefix = keyRing.current.id === PEPPER_KEY_ID ? SEALED_PREFIX : `${SEALED_PREFIX}${keyRing.current.id}:`;

  return {
    seal(clientId, signingKey) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(clientId, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(signingKey, 'utf8'), cipher.final()]);
      return `${sealedPrefix}${[iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url')).join(':')}`;
    },

    open(clientId, sealed) {
      const keyId = sealedKeyIdOf(sealed);
      const key = keyId === null ? undefined : derived.get(keyId);
      if (!key) throw new UnreadableWebhookSigningKeyError(clientId);
      const [iv, ciphertext, tag] = sealed
        .slice(SEALED_PREFIX.length)
        .split(':')
        .slice(keyId === PEPPER_KEY_ID ? 0 : 1)
        .map((part) => Buffer.from(part, 'base64url'));
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv!);
        decipher.setAAD(Buffer.from(clientId, 'utf8'));
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
      } catch {
        // GCM's tag check failed: never return what a wrong key would have produced.
        throw new UnreadableWebhookSigningKeyError(clientId);
      }
    },

    keyIdOf: sealedKeyIdOf,
  };
}
