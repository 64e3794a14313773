import { describe, expect, it } from 'vitest';
import { createKeyRing, singleKeyRing } from './key-ring.js';

const ONE = { id: 'k1', secret: 'k1'.repeat(16) };
const TWO = { id: 'k2', secret: 'k2'.repeat(16) };
const BODY = 'A'.repeat(43);

describe('the key ring', () => {
  it('stamps with the current key id, and leaves `pepper` unstamped as secrets always were', () => {
    expect(createKeyRing([TWO, ONE]).stamp(BODY)).toBe(`k2_${BODY}`);
    expect(singleKeyRing('p'.repeat(32)).stamp(BODY)).toBe(BODY);
  });

  it('reads the key id back from a stamped secret or hash, whatever the 43 characters hold', () => {
    const ring = createKeyRing([TWO, ONE]);
    expect(ring.keyIdOf(`k1_${'_'.repeat(43)}`)).toBe('k1');
    expect(ring.keyIdOf(BODY)).toBe('pepper');
    expect(ring.keyIdOf(`K1_${BODY}`)).toBeNull();
    expect(ring.keyIdOf('A'.repeat(40))).toBeNull();
  });

  it('hashes a stamped secret under the key its stamp names, so another ring order finds the same hash', () => {
    const before = createKeyRing([ONE]);
    const after = createKeyRing([TWO, ONE]);
    const secret = before.stamp(BODY);
    expect(after.digestOfStamped(secret)).toBe(before.digestOfStamped(secret));
    expect(after.digestOfStamped(secret)).toMatch(/^k1_[A-Za-z0-9_-]{43}$/);
  });

  it('hashes under the current key a stamp of a key it no longer holds: a hash no record has', () => {
    const ring = createKeyRing([TWO]);
    expect(ring.digestOfStamped(`k1_${BODY}`)).toMatch(/^k2_/);
    expect(ring.digestOfStamped(`k1_${BODY}`)).not.toBe(createKeyRing([ONE]).digestOfStamped(`k1_${BODY}`));
  });

  it('costs one HMAC per stamped lookup, and one per key for a format without a stamp', () => {
    let hmacs = 0;
    const ring = createKeyRing([TWO, ONE, { id: 'k0', secret: 'k0'.repeat(16) }], {
      hmac: (secret, value) => {
        hmacs += 1;
        return `${secret.slice(0, 2)}${value}`.padEnd(43, '=').slice(0, 43);
      },
    });
    ring.digestOfStamped(`k1_${BODY}`);
    expect(hmacs).toBe(1);
    expect(ring.digestsUnderEveryKey('legacy')).toHaveLength(3);
    expect(hmacs).toBe(4);
  });

  it('refuses no keys and repeated ids', () => {
    expect(() => createKeyRing([])).toThrow();
    expect(() => createKeyRing([ONE, ONE])).toThrow();
  });
});
