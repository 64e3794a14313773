import { describe, expect, it } from 'vitest';
import { PASSWORD_REFUSAL_REASONS, RESET_PAGE_FAILURE_CODES, type ResetPageFailureCode } from '../reset-api.js';
import { loadMessages } from './load-messages.js';
import { RESET_PAGE_LOCALES } from './locales.js';
import { RESET_PAGE_MESSAGES } from './message-tables.js';

/** Every failure shown as a screen or a notice; a refused password is explained by its reasons. */
const SHOWN_FAILURES = RESET_PAGE_FAILURE_CODES.filter(
  (code): code is Exclude<ResetPageFailureCode, 'PASSWORD_REJECTED'> => code !== 'PASSWORD_REJECTED',
);
const context = { minLength: 8, maxLength: 128, applicationName: 'Acme Shop' };

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => name ?? '').sort();
}

describe.each(RESET_PAGE_LOCALES)('the %s texts', (locale) => {
  const messages = RESET_PAGE_MESSAGES[locale];

  it('explain every refusal reason, naming the numbers and the application where they matter', () => {
    for (const reason of PASSWORD_REFUSAL_REASONS) expect(messages.reasons[reason](context).length).toBeGreaterThan(10);
    expect(messages.reasons.TOO_SHORT(context)).toContain('8');
    expect(messages.reasons.TOO_LONG(context)).toContain('128');
    expect(messages.reasons.CONTEXTUAL(context)).toContain('Acme Shop');
  });

  it('explain every failure the page can meet with a heading and a next step', () => {
    for (const code of SHOWN_FAILURES) {
      expect(messages.failures[code].heading).not.toBe('');
      expect(messages.failures[code].body).not.toBe('');
    }
  });

  it('use the same placeholders as English', () => {
    for (const key of ['account', 'expires', 'policyContext'] as const) expect(placeholders(messages[key])).toEqual(placeholders(RESET_PAGE_MESSAGES.en[key]));
  });

  it('put the counts in the length feedback', () => {
    expect(messages.lengthTooShort(5, 8)).toMatch(/5.*3|3.*5/);
    expect(messages.lengthOk(12)).toContain('12');
    expect(messages.policyLength(8, 128)).toMatch(/8.*128/);
  });

  it('are what loadMessages loads', async () => {
    expect(await loadMessages(locale)).toBe(messages);
  });
});

it('has no English left in the other languages', () => {
  for (const locale of RESET_PAGE_LOCALES.filter((candidate) => candidate !== 'en')) {
    expect(RESET_PAGE_MESSAGES[locale].success.heading).not.toBe(RESET_PAGE_MESSAGES.en.success.heading);
    expect(RESET_PAGE_MESSAGES[locale].formHeading).not.toBe(RESET_PAGE_MESSAGES.en.formHeading);
  }
});
