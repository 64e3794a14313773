import { SUPPORTED_LOCALES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { chooseGreeting, MAIL_TEXT_BY_LOCALE } from './mail-text-by-locale.js';

/** Every translation as `path → text`, e.g. `passwordReset.subject → "Reset your …"`. */
function flatten(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => flatten(child, path ? `${path}.${key}` : key));
}

const placeholdersIn = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const english = flatten(MAIL_TEXT_BY_LOCALE.en);

describe.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))('the %s translation', (locale) => {
  const translated = new Map(flatten(MAIL_TEXT_BY_LOCALE[locale]));

  it('uses the same placeholders as English in every text', () => {
    for (const [path, englishText] of english) {
      expect(placeholdersIn(translated.get(path) ?? ''), path).toEqual(placeholdersIn(englishText));
    }
  });

  it('translates every text instead of copying the English one', () => {
    for (const [path, englishText] of english) {
      expect(translated.get(path), path).not.toBe(englishText);
    }
  });
});

describe('chooseGreeting', () => {
  it('greets by name when the name is known', () => {
    expect(chooseGreeting(MAIL_TEXT_BY_LOCALE.es, 'Ana')).toBe('Hola, Ana:');
  });

  it('greets without a name when the name is missing or blank', () => {
    expect(chooseGreeting(MAIL_TEXT_BY_LOCALE.en, undefined)).toBe('Hello,');
    expect(chooseGreeting(MAIL_TEXT_BY_LOCALE.en, '  ')).toBe('Hello,');
  });
});
