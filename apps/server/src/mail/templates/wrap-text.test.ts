import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap-text.js';

describe('wrapText', () => {
  it('breaks lines at spaces before they exceed the width', () => {
    expect(wrapText('one two three four', 9)).toBe('one two\nthree\nfour');
  });

  it('puts a word longer than the width on a line of its own without cutting it', () => {
    const url = 'https://accounts.example.com/reset#token=abcdefghijklmnopqrstuvwxyz';
    expect(wrapText(`open ${url} now`, 20)).toBe(`open\n${url}\nnow`);
  });

  it('never breaks at a non-breaking space', () => {
    expect(wrapText('ouvrez ce lien\u00a0:', 14)).toBe('ouvrez ce\nlien\u00a0:');
  });

  it('wraps at 72 characters by default', () => {
    const lines = wrapText('word '.repeat(60)).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(72);
  });
});
