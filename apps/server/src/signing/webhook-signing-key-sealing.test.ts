import { describe, expect, it } from 'vitest';
import { createKeyRing, singleKeyRing } from '../tokens/key-ring.js';
import { isSealedWebhookSigningKey, UnreadableWebhookSigningKeyError, webhookSigningKeySealer } from './webhook-signing-key-sealing.js';

const PEPPER = 'a-test-pepper-of-at-least-thirty-two-characters';
const SIGNING_KEY = 'mT9yQ2zL0f7cJxkP3aVb8sR1nE5hW6uD4gK2oI9tY0q';

describe('webhookSigningKeySealer', () => {
  const sealer = webhookSigningKeySealer(singleKeyRing(PEPPER));

  it('opens what it sealed, and the sealed form holds no trace of the key', () => {
    const sealed = sealer.seal('cl_one', SIGNING_KEY);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(SIGNING_KEY);
    expect(isSealedWebhookSigningKey(sealed)).toBe(true);
    expect(sealer.open('cl_one', sealed)).toBe(SIGNING_KEY);
  });

  it('uses a fresh IV for every value, so the same key seals differently each time', () => {
    const first = sealer.seal('cl_one', SIGNING_KEY);
    const second = sealer.seal('cl_one', SIGNING_KEY);
    expect(first).not.toBe(second);
    expect(first.split(':')[1]).not.toBe(second.split(':')[1]);
  });

  it('refuses a value sealed under another pepper with a clear error, never garbage', () => {
    const sealed = webhookSigningKeySealer(singleKeyRing(`${PEPPER}-other`)).seal('cl_one', SIGNING_KEY);
    expect(() => sealer.open('cl_one', sealed)).toThrow(UnreadableWebhookSigningKeyError);
    expect(() => sealer.open('cl_one', sealed)).toThrow(/client cl_one .*TOKEN_PEPPER/);
  });

  it("refuses another client's sealed value and a tampered one", () => {
    const sealed = sealer.seal('cl_one', SIGNING_KEY);
    expect(() => sealer.open('cl_two', sealed)).toThrow(UnreadableWebhookSigningKeyError);
    const [prefix, iv, ciphertext, tag] = sealed.split(':');
    const flipped = `${ciphertext!.startsWith('A') ? 'B' : 'A'}${ciphertext!.slice(1)}`;
    expect(() => sealer.open('cl_one', [prefix, iv, flipped, tag].join(':'))).toThrow(UnreadableWebhookSigningKeyError);
  });

  it('tells a key stored in the clear (written before sealing) from a sealed one', () => {
    expect(isSealedWebhookSigningKey(SIGNING_KEY)).toBe(false);
    expect(() => sealer.open('cl_one', SIGNING_KEY)).toThrow(UnreadableWebhookSigningKeyError);
  });

  it('after a rotation, opens what the old key sealed and seals under the new key, naming it', () => {
    const rotated = webhookSigningKeySealer(
      createKeyRing([
        { id: 'k2', secret: 'k2'.repeat(16) },
        { id: 'pepper', secret: PEPPER },
      ]),
    );
    const old = sealer.seal('cl_one', SIGNING_KEY);
    expect(rotated.open('cl_one', old)).toBe(SIGNING_KEY);
    expect(rotated.keyIdOf(old)).toBe('pepper');
    const resealed = rotated.seal('cl_one', SIGNING_KEY);
    expect(resealed).toMatch(/^v1:k2:/);
    expect(isSealedWebhookSigningKey(resealed)).toBe(true);
    expect(rotated.keyIdOf(resealed)).toBe('k2');
    expect(rotated.open('cl_one', resealed)).toBe(SIGNING_KEY);
    // The old ring never held k2: it refuses, with the clear error.
    expect(() => sealer.open('cl_one', resealed)).toThrow(UnreadableWebhookSigningKeyError);
  });
});
