import { describe, expect, it } from 'vitest';
import { chooseLocale } from './choose-locale.js';

describe('chooseLocale', () => {
  it('takes the first language whose primary subtag the page speaks', () => {
    expect(chooseLocale(['de-DE', 'fr-BE', 'nl'])).toBe('fr');
    expect(chooseLocale(['nl-NL'])).toBe('nl');
    expect(chooseLocale(['es-419'])).toBe('es');
  });

  it('ignores case and accepts underscores', () => {
    expect(chooseLocale(['NL-be'])).toBe('nl');
    expect(chooseLocale(['es_ES'])).toBe('es');
  });

  it('falls back to English when nothing matches or nothing is given', () => {
    expect(chooseLocale(['de', 'zh-Hant'])).toBe('en');
    expect(chooseLocale([])).toBe('en');
    expect(chooseLocale([''])).toBe('en');
  });

  it('does not mistake a longer subtag for a supported one', () => {
    expect(chooseLocale(['nld', 'fri', 'en'])).toBe('en');
  });
});
