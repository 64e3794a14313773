import { hash, verify } from '@node-rs/bcrypt';
import type { StoredHashCodec } from './stored-hash-codec.js';

/** bcrypt reads only the first 72 bytes of a password: longer ones must be refused, never truncated silently. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;

/** Cost (log2 of the rounds) of new hashes unless the directory says otherwise; Laravel's long-standing default. */
export const DEFAULT_BCRYPT_COST = 10;
/** bcrypt's own minimum. */
export const MIN_BCRYPT_COST = 4;
/**
 * The most we write or verify: 16 times the work of cost 10 (about a second here). A stored hash names its own
 * cost, and cost 31 would hold a request for days.
 */
export const MAX_BCRYPT_COST = 14;

/**
 * The prefixes new hashes may carry. `2b` and `2y` name the same algorithm for every password of at most
 * 72 bytes (`2y` is PHP's name for the fixed crypt_blowfish, `2b` OpenBSD's): only the label differs.
 * PHP, and so Laravel, writes `2y`.
 */
export const BCRYPT_WRITTEN_PREFIXES = ['2b', '2y'] as const;
export type BcryptWrittenPrefix = (typeof BCRYPT_WRITTEN_PREFIXES)[number];

export interface BcryptHashOptions {
  readonly cost: number;
  readonly prefix: BcryptWrittenPrefix;
}

/** `$2a$`, `$2b$` and `$2y$`, two digits of cost, 22 characters of salt and 31 of hash in bcrypt's base64. */
const BCRYPT_STORED_HASH = /^\$2[aby]\$(\d{2})\$[./A-Za-z0-9]{53}$/;

export function assertBcryptCost(cost: number): void {
  if (!Number.isInteger(cost) || cost < MIN_BCRYPT_COST || cost > MAX_BCRYPT_COST) {
    throw new RangeError(`bcrypt cost must be an integer from ${MIN_BCRYPT_COST} to ${MAX_BCRYPT_COST}`);
  }
}

/** A bcrypt hash of the password's UTF-8 bytes; refuses what bcrypt cannot hash whole rather than truncating it. */
export async function hashWithBcrypt(password: string, { cost, prefix }: BcryptHashOptions): Promise<string> {
  assertBcryptCost(cost);
  // The policy refuses these (TOO_LONG); this guard keeps a missed check from storing a truncated password.
  if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_PASSWORD_BYTES) {
    throw new RangeError(`bcrypt hashes at most ${BCRYPT_MAX_PASSWORD_BYTES} bytes of UTF-8; the policy must refuse longer`);
  }
  // C implementations (PHP's among them) stop at a NUL byte, so the application would check a shorter password.
  if (password.includes('\u0000')) throw new RangeError('bcrypt cannot hash a password containing a NUL character');
  const written = await hash(password, cost);
  return `$${prefix}$${written.slice('$2b$'.length)}`;
}

export const bcryptStoredHashCodec: StoredHashCodec = {
  format: 'bcrypt',
  isWellFormed(storedHash) {
    const match = BCRYPT_STORED_HASH.exec(storedHash);
    if (match === null) return false;
    const cost = Number(match[1]);
    return cost >= MIN_BCRYPT_COST && cost <= MAX_BCRYPT_COST;
  },
  // The library compares the recomputed and stored hashes in constant time.
  verify: (password, storedHash) => verify(password, storedHash),
};
