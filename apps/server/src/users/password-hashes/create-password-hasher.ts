import { argon2StoredHashCodec, hashWithArgon2id } from './argon2id-format.js';
import type { BcryptHashOptions, BcryptWrittenPrefix } from './bcrypt-format.js';
import { assertBcryptCost, bcryptStoredHashCodec, DEFAULT_BCRYPT_COST, hashWithBcrypt } from './bcrypt-format.js';
import { inPasswordHashSlot } from './password-hash-slots.js';
import type { PasswordHasher, PasswordHashFormat } from './password-hasher.js';
import { UnknownPasswordHashFormatError } from './password-hasher.js';
import type { StoredHashCodec } from './stored-hash-codec.js';
import { hashWithTrafficOpsScrypt, trafficOpsScryptStoredHashCodec } from './trafficops-scrypt-format.js';

export interface PasswordHasherOptions {
  /** The format new hashes are written in: the one the application's own login checks. */
  readonly format: PasswordHashFormat;
  /** Cost (log2 of the rounds) of new bcrypt hashes, from MIN_BCRYPT_COST (4) to MAX_BCRYPT_COST (14). Default 10. */
  readonly bcryptCost?: number;
  /** The prefix of new bcrypt hashes: `2y` is what Laravel (PHP) writes. Default `2b`. */
  readonly bcryptPrefix?: BcryptWrittenPrefix;
}

/** Every format we read, whatever a directory writes: its rows may predate a change of format. */
const STORED_HASH_CODECS: readonly StoredHashCodec[] = [argon2StoredHashCodec, bcryptStoredHashCodec, trafficOpsScryptStoredHashCodec];

/** Far above any real hash of the three (a Traffic Ops one is 194 characters); bounds the parsing of a corrupt row. */
const MAX_STORED_HASH_LENGTH = 1024;

/**
 * Hashes in one directory's format. The password is hashed exactly as given, as its UTF-8 bytes: the application's
 * login hashes what its user types, so any normalisation is the caller's choice (the embedded directory applies NFKC).
 * Throws a RangeError at once for a bcrypt cost out of range, so a bad directory setting fails at start.
 */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const { format, bcryptCost = DEFAULT_BCRYPT_COST, bcryptPrefix = '2b' } = options;
  if (format === 'bcrypt') assertBcryptCost(bcryptCost);
  const hashNewPassword = newPasswordHashers({ cost: bcryptCost, prefix: bcryptPrefix })[format];
  return { format, hash: (password) => inPasswordHashSlot(() => hashNewPassword(password)), verify: verifyPasswordAgainstStoredHash };
}

/** The format of a well-formed stored hash within our bounds, or `null` (for an import to refuse it up front). */
export function storedPasswordHashFormat(storedHash: string): PasswordHashFormat | null {
  return findStoredHashCodec(storedHash)?.format ?? null;
}

/** `PasswordHasher.verify`, the same for every directory: it reads all three formats. */
export async function verifyPasswordAgainstStoredHash(password: string, storedHash: string | null): Promise<boolean | null> {
  // Nothing to compare with, e.g. Traffic Ops' LDAP users: the caller skips the check, it is no mismatch.
  if (storedHash === null || storedHash === '') return null;
  const codec = findStoredHashCodec(storedHash);
  if (codec === undefined) throw new UnknownPasswordHashFormatError();
  return inPasswordHashSlot(() => codec.verify(password, storedHash));
}

function findStoredHashCodec(storedHash: string): StoredHashCodec | undefined {
  if (storedHash.length > MAX_STORED_HASH_LENGTH) return undefined;
  return STORED_HASH_CODECS.find((codec) => codec.isWellFormed(storedHash));
}

function newPasswordHashers(bcrypt: BcryptHashOptions): Record<PasswordHashFormat, PasswordHasher['hash']> {
  return {
    argon2id: hashWithArgon2id,
    bcrypt: (password) => hashWithBcrypt(password, bcrypt),
    'trafficops-scrypt': hashWithTrafficOpsScrypt,
  };
}
