import { describe, expect, it } from 'vitest';
import { randomIdText } from './random-id-text.js';

describe('random id text', () => {
  it('gives the length and alphabet asked for', () => {
    expect(randomIdText(12, 'hex')).toMatch(/^[0-9a-f]{24}$/);
    expect(randomIdText(12, 'base64url')).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(randomIdText(9, 'base64url')).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('never hands out the same bytes twice, across many refills of its pool', () => {
    // 20,000 ids of 12 bytes: 240,000 bytes, the pool drawn again about 60 times.
    const ids = Array.from({ length: 20_000 }, () => randomIdText(12, 'hex'));
    expect(new Set(ids).size).toBe(ids.length);
    // Ids of odd sizes straddle the pool's end: none is cut short.
    for (let draw = 0; draw < 2_000; draw += 1) expect(randomIdText(13, 'hex')).toHaveLength(26);
  });

  it('refuses a size the pool cannot give', () => {
    expect(() => randomIdText(0, 'hex')).toThrow(RangeError);
    expect(() => randomIdText(5_000, 'hex')).toThrow(RangeError);
    expect(() => randomIdText(1.5, 'hex')).toThrow(RangeError);
  });
});
