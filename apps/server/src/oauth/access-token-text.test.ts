import type * as NodeCrypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Which bytes crypto.randomBytes hands out next, when a test scripts them; real randomness otherwise.
const scripted: number[][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof NodeCrypto>();
  return {
    ...crypto,
    randomBytes: (size: number) => (scripted.length > 0 ? Buffer.from(scripted.shift() ?? []) : crypto.randomBytes(size)),
  };
});
const { newAccessTokenText, randomAlphanumeric } = await import('./access-token-text.js');

describe('the text of a new access token', () => {
  afterEach(() => void scripted.splice(0));

  it('is ours by default: pwat_ and 256 bits in base64url', () => {
    expect(newAccessTokenText('pwreset')).toMatch(/^pwat_[A-Za-z0-9_-]{43}$/);
  });

  it('has the shape league/oauth2-server 2.1 issued for Teen Quotes: 40 characters of [A-Za-z0-9], never twice the same', () => {
    const tokens = Array.from({ length: 200 }, () => newAccessTokenText('league-oauth2-server'));
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('maps every byte below 248 to one character, each character from exactly four bytes, and draws again for the rest', () => {
    const everyByte = Array.from({ length: 256 }, (_, byte) => byte);
    scripted.push(everyByte);
    const text = randomAlphanumeric(248);
    const counts = new Map<string, number>();
    for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
    expect(counts.size).toBe(62);
    expect(new Set(counts.values())).toEqual(new Set([4]));

    // Bytes 248 to 255 would favour eight characters: they are skipped, and more bytes are drawn.
    scripted.push([255, 248, 0, 61], [1]);
    expect(randomAlphanumeric(3)).toBe('A9B');
  });
});
