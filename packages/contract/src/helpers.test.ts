import { describe, expect, it } from 'vitest';
import { chooseLocale } from './locale.js';
import { maskEmail, normalizeEmail } from './normalize-email.js';
import { buildResetLink, isWellFormedResetSecret } from './reset-secret.js';

describe('normalizeEmail', () => {
  it('trims, lower-cases and applies NFKC', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(normalizeEmail('ｊａｎｅ@example.com')).toBe('jane@example.com');
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j*******@example.com');
    expect(maskEmail('j@example.com')).toBe('j***@example.com');
  });
});

describe('chooseLocale', () => {
  it('takes the first candidate we have a translation for', () => {
    expect(chooseLocale(undefined, 'de-DE', 'nl-BE', 'fr')).toBe('nl');
    expect(chooseLocale('ES')).toBe('es');
    expect(chooseLocale('de', null)).toBe('en');
  });
});

describe('reset links', () => {
  it('put the secret in the fragment of the page URL', () => {
    const secret = 'a'.repeat(43);
    expect(buildResetLink('https://app.example.com/account/reset?x=1', secret)).toBe(
      `https://app.example.com/account/reset?x=1#token=${secret}`,
    );
  });

  it('recognise only 43-character base64url secrets', () => {
    expect(isWellFormedResetSecret('A'.repeat(43))).toBe(true);
    expect(isWellFormedResetSecret('A'.repeat(42))).toBe(false);
    expect(isWellFormedResetSecret(`${'A'.repeat(42)}=`)).toBe(false);
  });

  it('accept a key id before the 43 characters, and nothing else there', () => {
    expect(isWellFormedResetSecret(`k2_${'A'.repeat(43)}`)).toBe(true);
    expect(isWellFormedResetSecret(`K2_${'A'.repeat(43)}`)).toBe(false);
    expect(isWellFormedResetSecret(`toolongkid_${'A'.repeat(43)}`)).toBe(false);
    expect(isWellFormedResetSecret(`k2_${'A'.repeat(42)}`)).toBe(false);
  });
});
