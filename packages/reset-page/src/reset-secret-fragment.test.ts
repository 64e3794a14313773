import { describe, expect, it } from 'vitest';
import { readSecretFromFragment, takeSecretFromAddressBar, type AddressBar } from './reset-secret-fragment.js';

const SECRET = 'q9Zk3N0s-Vh_2uYw8bXcLmPdRtEaGfJo1iKnUvWy4z7';

function fakeAddressBar(hash: string, search = ''): AddressBar & { replaced: string[] } {
  const replaced: string[] = [];
  return {
    replaced,
    location: { hash, pathname: '/reset', search },
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => {
        replaced.push(String(url));
      },
    },
  };
}

describe('readSecretFromFragment', () => {
  it('reads the secret after #token=', () => {
    expect(readSecretFromFragment(`#token=${SECRET}`)).toBe(SECRET);
    expect(readSecretFromFragment(`token=${SECRET}`)).toBe(SECRET);
    expect(readSecretFromFragment(`#lang=nl&token=${SECRET}`)).toBe(SECRET);
  });

  it('answers null when there is no secret or it cannot be one', () => {
    expect(readSecretFromFragment('')).toBeNull();
    expect(readSecretFromFragment('#')).toBeNull();
    expect(readSecretFromFragment('#token=')).toBeNull();
    expect(readSecretFromFragment('#other=value')).toBeNull();
    expect(readSecretFromFragment('#token=abc%20def')).toBeNull();
    expect(readSecretFromFragment('#token=abc+def')).toBeNull();
    expect(readSecretFromFragment(`#token=${'a'.repeat(257)}`)).toBeNull();
  });
});

describe('takeSecretFromAddressBar', () => {
  it('returns the secret and replaces the address with one without a fragment', () => {
    const bar = fakeAddressBar(`#token=${SECRET}`, '?utm=mail');
    expect(takeSecretFromAddressBar(bar)).toBe(SECRET);
    expect(bar.replaced).toEqual(['/reset?utm=mail']);
  });

  it('clears even a fragment that holds no valid secret', () => {
    const bar = fakeAddressBar('#token=not a secret');
    expect(takeSecretFromAddressBar(bar)).toBeNull();
    expect(bar.replaced).toEqual(['/reset']);
  });

  it('leaves the address alone when there is no fragment', () => {
    const bar = fakeAddressBar('');
    expect(takeSecretFromAddressBar(bar)).toBeNull();
    expect(bar.replaced).toEqual([]);
  });
});
