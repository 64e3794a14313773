import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { StoredHashCodec } from './stored-hash-codec.js';

/**
 * Traffic Ops' own parameters (traffic_ops_golang/auth/authenticate.go, `DefaultParams` and `DerivePassword`):
 * `SCRYPT:N:r:p:<base64 salt>:<base64 key>`, standard base64 with padding. Its salt is generated with the key's
 * length, so both are 64 bytes; and its verifier always derives a 64-byte key, whatever the stored one is.
 */
export const TRAFFIC_OPS_SCRYPT_PARAMETERS = { cost: 16_384, blockSize: 8, parallelization: 1, saltBytes: 64, keyBytes: 64 } as const;

const ALGORITHM_LABEL = 'SCRYPT';
const FIELD_SEPARATOR = ':';

// What a stored hash may ask of us. Traffic Ops' verifier honours the N, r and p of the row, and so do we, but
// only within these: the memory of N = 2^16, r = 8, p = 1 (64 MiB, 4 times Traffic Ops' own) and 8 times its work.
const MAX_STORED_MEMORY_BYTES = scryptMemoryBytes({ cost: 65_536, blockSize: 8, parallelization: 1 });
const MAX_STORED_WORK = 8 * TRAFFIC_OPS_SCRYPT_PARAMETERS.cost * TRAFFIC_OPS_SCRYPT_PARAMETERS.blockSize;
const MAX_STORED_PARALLELIZATION = 16;

const DECIMAL = /^[1-9][0-9]{0,9}$/;
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The six fields of `SCRYPT:N:r:p:salt:key`, once their count is checked. */
type ScryptHashFields = [string, string, string, string, string, string];

interface ScryptParameters {
  readonly cost: number;
  readonly blockSize: number;
  readonly parallelization: number;
}

interface ParsedTrafficOpsScryptHash extends ScryptParameters {
  readonly salt: Buffer;
  readonly key: Buffer;
}

/** A new hash as Traffic Ops writes it: its parameters, a random 64-byte salt. */
export async function hashWithTrafficOpsScrypt(password: string): Promise<string> {
  return deriveTrafficOpsScryptHash(password, randomBytes(TRAFFIC_OPS_SCRYPT_PARAMETERS.saltBytes));
}

/** The hash of `password` with a given salt; deterministic, so tests can compare with recorded Go output. */
export async function deriveTrafficOpsScryptHash(password: string, salt: Buffer): Promise<string> {
  const key = await deriveScryptKey(password, salt, TRAFFIC_OPS_SCRYPT_PARAMETERS);
  const { cost, blockSize, parallelization } = TRAFFIC_OPS_SCRYPT_PARAMETERS;
  return [ALGORITHM_LABEL, cost, blockSize, parallelization, salt.toString('base64'), key.toString('base64')].join(FIELD_SEPARATOR);
}

export const trafficOpsScryptStoredHashCodec: StoredHashCodec = {
  format: 'trafficops-scrypt',
  isWellFormed: (storedHash) => parseTrafficOpsScryptHash(storedHash) !== undefined,
  async verify(password, storedHash) {
    const parsed = parseTrafficOpsScryptHash(storedHash);
    if (parsed === undefined) throw new TypeError('verify called on a hash isWellFormed refused');
    const derived = await deriveScryptKey(password, parsed.salt, parsed);
    // Constant time, as Traffic Ops' subtle.ConstantTimeCompare: no timing hint of how much of the key matched.
    return timingSafeEqual(derived, parsed.key);
  },
};

/**
 * Traffic Ops' verify rules, stricter where it would crash or accept nonsense: the label `SCRYPT`; N a power of
 * two above 1; r and p positive; salt and key in padded standard base64; a non-empty salt. Its verifier compares a
 * 64-byte derived key, so a stored key of another length can match no password: we call that malformed.
 */
function parseTrafficOpsScryptHash(storedHash: string): ParsedTrafficOpsScryptHash | undefined {
  const fields = storedHash.split(FIELD_SEPARATOR);
  if (fields.length !== 6) return undefined;
  const [label, costText, blockSizeText, parallelizationText, saltText, keyText] = fields as ScryptHashFields;
  if (label !== ALGORITHM_LABEL) return undefined;
  if (![costText, blockSizeText, parallelizationText].every((text) => DECIMAL.test(text))) return undefined;
  const parameters = { cost: Number(costText), blockSize: Number(blockSizeText), parallelization: Number(parallelizationText) };
  if (!areParametersWithinBounds(parameters)) return undefined;
  if (!STANDARD_BASE64.test(saltText) || !STANDARD_BASE64.test(keyText)) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  if (salt.length === 0 || key.length !== TRAFFIC_OPS_SCRYPT_PARAMETERS.keyBytes) return undefined;
  return { ...parameters, salt, key };
}

function areParametersWithinBounds({ cost, blockSize, parallelization }: ScryptParameters): boolean {
  const isPowerOfTwoAboveOne = cost > 1 && Number.isInteger(Math.log2(cost));
  return (
    isPowerOfTwoAboveOne &&
    scryptMemoryBytes({ cost, blockSize, parallelization }) <= MAX_STORED_MEMORY_BYTES &&
    cost * blockSize * parallelization <= MAX_STORED_WORK &&
    parallelization <= MAX_STORED_PARALLELIZATION
  );
}

/** What Node's scrypt (OpenSSL's) allocates, and checks against `maxmem`: V of 128·r·(N+2) bytes and B of 128·r·p. */
function scryptMemoryBytes({ cost, blockSize, parallelization }: ScryptParameters): number {
  return 128 * blockSize * (cost + parallelization + 2);
}

function deriveScryptKey(password: string, salt: Buffer, { cost, blockSize, parallelization }: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The async form runs on libuv's pool, off the event loop; the password is hashed as its UTF-8 bytes, as Go's []byte(password).
    const options = { N: cost, r: blockSize, p: parallelization, maxmem: MAX_STORED_MEMORY_BYTES };
    scrypt(Buffer.from(password, 'utf8'), salt, TRAFFIC_OPS_SCRYPT_PARAMETERS.keyBytes, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}
