import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { chooseResponseFormat, formatFromAccept } from './response-format.js';

function request(url: string, accept?: string): Request {
  // Only originalUrl and get('accept') are read.
  return { originalUrl: url, get: (name: string) => (name.toLowerCase() === 'accept' ? accept : undefined) } as unknown as Request;
}

describe('chooseResponseFormat', () => {
  it('answers JSON when nothing asks for a format', () => {
    expect(chooseResponseFormat(request('/user/password/reset'), undefined)).toBe('json');
  });

  it('puts ?format first, the path suffix second and Accept last', () => {
    expect(chooseResponseFormat(request('/user/password/reset.json?format=jsv', 'application/json'), 'json')).toBe('jsv');
    expect(chooseResponseFormat(request('/user/password/reset.jsv?format=json', 'text/jsv'), 'jsv')).toBe('json');
    expect(chooseResponseFormat(request('/user/password/reset.jsv', 'application/json'), 'jsv')).toBe('jsv');
    expect(chooseResponseFormat(request('/user/password/reset.json', 'text/jsv'), 'json')).toBe('json');
    expect(chooseResponseFormat(request('/user/password/reset', 'text/jsv'), undefined)).toBe('jsv');
  });

  it('reads ?format case-insensitively and ignores formats it does not serve', () => {
    expect(chooseResponseFormat(request('/user/password/reset?format=JSV'), undefined)).toBe('jsv');
    expect(chooseResponseFormat(request('/user/password/reset?format=xml', 'text/jsv'), undefined)).toBe('jsv');
    expect(chooseResponseFormat(request('/user/password/reset?format=csv'), undefined)).toBe('json');
  });
});

describe('formatFromAccept', () => {
  it('finds JSV under either media type, with parameters', () => {
    expect(formatFromAccept('text/jsv')).toBe('jsv');
    expect(formatFromAccept('application/jsv; charset=utf-8')).toBe('jsv');
    expect(formatFromAccept('TEXT/JSV')).toBe('jsv');
  });

  it('prefers what the client prefers, and a named type over a wildcard', () => {
    expect(formatFromAccept('application/json, text/jsv')).toBe('json');
    expect(formatFromAccept('application/json;q=0.5, text/jsv')).toBe('jsv');
    expect(formatFromAccept('*/*, text/jsv')).toBe('jsv');
    expect(formatFromAccept('text/jsv;q=0, */*')).toBe('json');
  });

  it('has no opinion when it names neither', () => {
    expect(formatFromAccept(undefined)).toBeUndefined();
    expect(formatFromAccept('application/xml')).toBeUndefined();
    expect(formatFromAccept('text/jsv;q=0')).toBeUndefined();
  });
});
