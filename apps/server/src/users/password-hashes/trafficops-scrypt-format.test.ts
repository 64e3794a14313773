import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPasswordHasher } from './create-password-hasher.js';
import { UnknownPasswordHashFormatError } from './password-hasher.js';
import { deriveTrafficOpsScryptHash } from './trafficops-scrypt-format.js';

// Recorded with Go (test/fixtures/trafficops-scrypt/verify.go, golang.org/x/crypto/scrypt as Traffic Ops uses it):
// recorded rather than run here, so the suite needs no Go toolchain yet cannot pass without the check.
const vectorSchema = z.object({ password: z.string(), hash: z.string(), wrongPassword: z.string() });
const vectors = z
  .object({ writtenByThisServiceAcceptedByGo: z.array(vectorSchema).min(1), writtenByGo: z.array(vectorSchema).min(1) })
  .parse(JSON.parse(readFileSync(new URL('../../../test/fixtures/trafficops-scrypt/vectors.json', import.meta.url), 'utf8')));

const hasher = createPasswordHasher({ format: 'trafficops-scrypt' });
const SALT = Buffer.alloc(64, 7);
const TRAFFIC_OPS_HASH_SHAPE = /^SCRYPT:16384:8:1:([A-Za-z0-9+/]+={0,2}):([A-Za-z0-9+/]+={0,2})$/;

async function scryptHashWith(parameters: string): Promise<string> {
  const [, , , , salt, key] = (await deriveTrafficOpsScryptHash('a password', SALT)).split(':');
  return `SCRYPT:${parameters}:${salt}:${key}`;
}

describe('Traffic Ops scrypt hashes', () => {
  it('are written as SCRYPT:16384:8:1 with a 64-byte salt and a 64-byte key in standard base64', async () => {
    const match = TRAFFIC_OPS_HASH_SHAPE.exec(await hasher.hash('correct horse battery staple'));
    expect(match).not.toBeNull();
    expect(Buffer.from(match?.[1] ?? '', 'base64')).toHaveLength(64);
    expect(Buffer.from(match?.[2] ?? '', 'base64')).toHaveLength(64);
  });

  it('verify for the password they were written for and for no other', async () => {
    const stored = await hasher.hash('pässwörd ✓');
    expect(await hasher.verify('pässwörd ✓', stored)).toBe(true);
    expect(await hasher.verify('pässwörd ✓ ', stored)).toBe(false);
  });

  it('get a fresh salt each time, so one password never gives the same hash twice', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('come out byte for byte as the ones Traffic Ops’ algorithm in Go accepted, given the same salt', async () => {
    for (const { password, hash } of vectors.writtenByThisServiceAcceptedByGo) {
      const salt = Buffer.from(hash.split(':')[4] ?? '', 'base64');
      expect(await deriveTrafficOpsScryptHash(password, salt)).toBe(hash);
    }
  });

  it('written by Go in Traffic Ops’ format verify with the right password and not with a wrong one', async () => {
    for (const { password, hash, wrongPassword } of vectors.writtenByGo) {
      expect(await hasher.verify(password, hash)).toBe(true);
      expect(await hasher.verify(wrongPassword, hash)).toBe(false);
    }
  });

  it('are verified with the N, r and p the stored string names, up to our bound, not with Traffic Ops’ defaults', async () => {
    const otherParameters = vectors.writtenByGo.filter(({ hash }) => !hash.startsWith('SCRYPT:16384:8:1:'));
    expect(otherParameters.length).toBeGreaterThan(0);
    for (const { password, hash } of otherParameters) expect(await hasher.verify(password, hash)).toBe(true);
  });

  it('that would ask for gigabytes or hours (N = 2^30, huge r or p) are refused at once, without deriving', async () => {
    // N = 2^30; r or p of 2^20; N = 2^17 (128 MiB); one lane past our memory bound; tiny N with a huge r.
    const parameters = ['1073741824:8:1', '16384:1048576:1', '16384:8:1048576', '131072:8:1', '65536:8:2', '2:262144:1'];
    const hostile = await Promise.all(parameters.map(scryptHashWith));
    for (const stored of hostile) {
      const startedAt = performance.now();
      await expect(hasher.verify('a password', stored)).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
      // A derivation at these costs takes minutes; a refusal is a parse. A second is ample on a loaded machine.
      expect(performance.now() - startedAt).toBeLessThan(1_000);
    }
  });

  it('that are malformed are an unknown format, never a wrong password', async () => {
    const valid = await deriveTrafficOpsScryptHash('a password', SALT);
    const [, , , , salt = '', key = ''] = valid.split(':');
    const malformed = [
      valid.replace('SCRYPT', 'scrypt'),
      `SCRYPT:16384:8:1:${salt}`,
      `${valid}:extra`,
      `SCRYPT:16000:8:1:${salt}:${key}`,
      `SCRYPT:16384:0:1:${salt}:${key}`,
      `SCRYPT:+16384:8:1:${salt}:${key}`,
      `SCRYPT:16384:8:1::${key}`,
      `SCRYPT:16384:8:1:${salt}:${key.slice(0, 44)}`,
      `SCRYPT:16384:8:1:${salt.replace(/=+$/, '')}:${key}`,
      `SCRYPT:16384:8:1:${salt}:${key.replace(/^./, '*')}`,
    ];
    for (const stored of malformed) {
      await expect(hasher.verify('a password', stored), stored).rejects.toBeInstanceOf(UnknownPasswordHashFormatError);
    }
  });
});
