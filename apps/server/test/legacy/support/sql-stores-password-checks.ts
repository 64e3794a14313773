import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import bcryptjs from 'bcryptjs';

/** Enough for Traffic Ops' N = 16384, r = 8 (16 MiB) and the recorded vectors' N = 65536 (64 MiB). */
const SCRYPT_MAX_MEMORY = 256 * 1024 * 1024;

/** Traffic Ops derives a key of this length whatever the stored one is (`DefaultParams.KeyLen`). */
const TRAFFIC_OPS_KEY_LENGTH = 64;

function deriveKey(password: Buffer, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, TRAFFIC_OPS_KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Traffic Ops' `VerifySCRYPTPassword` (traffic_ops_golang/auth), written from its documented format
 * `SCRYPT:N:r:p:<base64 salt>:<base64 key>` with node:crypto, and deliberately not with this
 * service's hasher: the row must satisfy the application's check, not our own reading of it.
 * The password is its UTF-8 bytes (Go's `[]byte(password)`); N, r and p are the row's; the keys are
 * compared in constant time, and keys of different lengths never match (`subtle.ConstantTimeCompare`).
 */
export async function trafficOpsAcceptsPassword(password: string, storedHash: string): Promise<boolean> {
  const fields = storedHash.split(':');
  if (fields.length !== 6 || fields[0] !== 'SCRYPT') throw new Error('not a Traffic Ops SCRYPT hash');
  const [, cost, blockSize, parallelization, salt, key] = fields as [string, string, string, string, string, string];
  const storedKey = Buffer.from(key, 'base64');
  const derived = await deriveKey(Buffer.from(password, 'utf8'), Buffer.from(salt, 'base64'), {
    N: Number(cost),
    r: Number(blockSize),
    p: Number(parallelization),
    maxmem: SCRYPT_MAX_MEMORY,
  });
  return derived.length === storedKey.length && timingSafeEqual(derived, storedKey);
}

/**
 * Laravel's `Hash::check`, which is PHP's `password_verify`: a `$2y$` hash is plain bcrypt (PHP's
 * crypt() reads `2y` as the corrected `2a`, the same algorithm as `2b`). bcryptjs, an independent
 * implementation, compares `$2y$` hashes that way.
 */
export function laravelAcceptsPassword(password: string, storedHash: string): Promise<boolean> {
  return bcryptjs.compare(password, storedHash);
}

/** A hash as Laravel's `Hash::make` writes it (PHP's `password_hash`, cost 10): bcrypt with the `$2y$` prefix. */
export async function laravelHash(password: string): Promise<string> {
  const written = await bcryptjs.hash(password, 10);
  return written.replace(/^\$2[ab]\$/, '$2y$');
}
