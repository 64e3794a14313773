import { KEY_ID_PATTERN } from '@pwreset/contract';
import { keyedHash } from './keyed-hash.js';

/**
 * The key id of TOKEN_PEPPER alone, and of every secret and keyed hash made before key ids existed.
 * It is written as no prefix at all, so those secrets and hashes are, by construction, its own.
 */
export const PEPPER_KEY_ID = 'pepper';

/** A keyed hash (HMAC-SHA-256, base64url) is 43 characters; anything before them is `<key id>_`. */
const HASH_LENGTH = 43;
const KEY_ID_SEPARATOR = '_';

export interface TokenKey {
  /** Short, [a-z0-9]; written before a secret or a hash made with this key (none for `pepper`). */
  readonly id: string;
  readonly secret: string;
}

/*
 * How a store of secrets adopts the ring (take `keyRing: KeyRing` in its options, never a pepper):
 * - a new secret: `keyRing.stamp(generateSecret())` (inside any scanner prefix: `pwat_${keyRing.stamp(…)}`);
 * - its record's key: `keyRing.digestOfStamped(secret)` (or `digestOfStamped(secret, '<purpose>:' + secret)`),
 *   at issue and at every lookup alike: one HMAC, under the key the stamp names, old secrets included;
 * - a shape with no room for a stamp: store under `keyRing.digest(text)`, look up each of
 *   `keyRing.digestsUnderEveryKey(text)` in turn (the current key first);
 * - a hash compared inside a record: make it with `keyRing.digest(text, keyRing.keyIdOf(storedHash) ?? undefined)`;
 * - `keys status` counts records whose Redis key holds the stamped hash in its hash tag: add the store's
 *   key template to tokens/key-usage.ts.
 */

/**
 * Every key a deployment hashes secrets with (TOKEN_PEPPERS, or TOKEN_PEPPER alone as `pepper`):
 * the current one makes every new secret and hash, the others keep what they made readable until
 * it expires or is re-hashed. Built once from the config; every store takes it.
 */
export interface KeyRing {
  /** The key new secrets and hashes are made with (the first of TOKEN_PEPPERS). */
  readonly current: TokenKey;
  /** Every key, the current one first. */
  readonly keys: readonly TokenKey[];
  /** Whether a key of that id is configured. */
  has(keyId: string): boolean;
  /** `text` marked with a key id (default: the current key's), as `<key id>_<text>`; unmarked for `pepper`. */
  stamp(text: string, keyId?: string): string;
  /**
   * The key id a stamped secret or stored hash carries, read from the 43 base64url characters at its end
   * (a secret's random part or an HMAC): `pepper` when nothing precedes them, null when it is not a key id.
   */
  keyIdOf(stamped: string): string | null;
  /**
   * The keyed hash of `value` under one key (default: the current), stamped with that key's id, so the
   * stored hash says which key made it. An id the ring does not hold hashes under the current key: a
   * hash no record has, so the lookup misses, at the cost of one HMAC like any other.
   */
  digest(value: string, keyId?: string): string;
  /** The keyed hash of a stamped secret under the key its stamp names: one HMAC, whatever the ring holds. */
  digestOfStamped(stampedSecret: string, hashedText?: string): string;
  /** The keyed hashes of `value` under every key, the current first: for formats that cannot carry a stamp. */
  digestsUnderEveryKey(value: string): string[];
  /** The bare HMAC of `value` under one key (default: the current), unstamped: for hashes cut short or compared whole. */
  hmac(value: string, keyId?: string): string;
}

export interface KeyRingOptions {
  /** The HMAC itself; tests count calls through it. Default: HMAC-SHA-256, base64url. */
  readonly hmac?: (secret: string, value: string) => string;
}

/** A ring of `keys`, the first current. Throws on no keys or a repeated or malformed id (config-schema.ts reports those first). */
export function createKeyRing(keys: readonly TokenKey[], { hmac = keyedHash }: KeyRingOptions = {}): KeyRing {
  const [current] = keys;
  if (!current) throw new Error('a key ring needs at least one key');
  const byId = new Map(keys.map((key) => [key.id, key]));
  if (byId.size !== keys.length || keys.some((key) => !KEY_ID_PATTERN.test(key.id)))
    throw new Error('key ids must be unique [a-z0-9]{1,8}');

  const keyFor = (keyId: string | null | undefined) => (keyId ? byId.get(keyId) : undefined) ?? current;
  const stamp = (text: string, keyId: string = current.id) => (keyId === PEPPER_KEY_ID ? text : `${keyId}${KEY_ID_SEPARATOR}${text}`);

  function keyIdOf(stamped: string): string | null {
    if (stamped.length === HASH_LENGTH) return PEPPER_KEY_ID;
    const prefix = stamped.slice(0, -HASH_LENGTH);
    if (!prefix.endsWith(KEY_ID_SEPARATOR)) return null;
    const keyId = prefix.slice(0, -KEY_ID_SEPARATOR.length);
    return KEY_ID_PATTERN.test(keyId) ? keyId : null;
  }

  function digest(value: string, keyId?: string): string {
    const key = keyFor(keyId);
    return stamp(hmac(key.secret, value), key.id);
  }

  return {
    current,
    keys,
    has: (keyId) => byId.has(keyId),
    stamp,
    keyIdOf,
    digest,
    digestOfStamped: (stampedSecret, hashedText = stampedSecret) => digest(hashedText, keyIdOf(stampedSecret) ?? undefined),
    digestsUnderEveryKey: (value) => keys.map((key) => digest(value, key.id)),
    hmac: (value, keyId) => hmac(keyFor(keyId).secret, value),
  };
}

/** TOKEN_PEPPER alone, or a test's one pepper: a ring of the one key `pepper`, whose secrets look as they always did. */
export function singleKeyRing(pepper: string, options?: KeyRingOptions): KeyRing {
  return createKeyRing([{ id: PEPPER_KEY_ID, secret: pepper }], options);
}
