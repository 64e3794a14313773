import { describe, expect, it } from 'vitest';
import { jsvBoolean, jsvNumber } from './bind-jsv-scalar.js';

describe('jsvBoolean', () => {
  it('binds True and False in any letter case', () => {
    expect(['True', 'true', 'TRUE', ' False\n', 'false'].map(jsvBoolean)).toEqual([true, true, true, false, false]);
  });

  it('returns undefined for anything else', () => {
    expect(['', '1', '0', 'yes', 'Tru', 'True!'].map(jsvBoolean)).toEqual(Array(6).fill(undefined));
  });
});

describe('jsvNumber', () => {
  it('binds invariant-culture numbers, ignoring surrounding white space', () => {
    expect(['0', '-7', '+3', '1.5', '.5', '5.', '1e3', '-2.5E-3', ' 42\n'].map(jsvNumber)).toEqual([
      0, -7, 3, 1.5, 0.5, 5, 1000, -0.0025, 42,
    ]);
  });

  it('returns undefined for other cultures, hex, non-finite values and words', () => {
    const rejected = ['', ' ', '1,5', '1 000', '0x10', 'NaN', 'Infinity', '1e999', '--1', '1e', '.', 'abc'];
    expect(rejected.map(jsvNumber)).toEqual(Array(rejected.length).fill(undefined));
  });
});

describe('binding hostile input', () => {
  it('takes linear time on long runs of digits or spaces', () => {
    const started = performance.now();
    expect(jsvNumber(`${'1'.repeat(200_000)}x`)).toBeUndefined();
    expect(jsvNumber(`1${' '.repeat(200_000)}x`)).toBeUndefined();
    expect(jsvBoolean(`t${' '.repeat(200_000)}x`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
