import { randomFillSync } from 'node:crypto';

/** Bytes drawn from the CSPRNG at once: one call per few hundred ids instead of one per id (3 µs each). */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * Random text for ids that must be unique and unguessable but are no secret: request ids, job ids
 * (a job's at-most-once key), delivery claims. The bytes come from the same CSPRNG as randomBytes,
 * drawn a pool at a time as crypto.randomUUID does; each byte is handed out once. A secret (a reset
 * link's, a client's credential) is drawn on its own by randomBytes, never from here.
 */
export function randomIdText(bytes: number, encoding: 'hex' | 'base64url'): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) throw new RangeError(`an id of 1 to ${POOL_BYTES} bytes, not ${bytes}`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const text = pool.toString(encoding, offset, offset + bytes);
  offset += bytes;
  return text;
}
