import { PASSWORD_REFUSAL_REASONS, RESET_ERROR_CODES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import type { ResetPageFailureCode } from '../failure-codes.js';
import { loadMessages } from './load-messages.js';
import { RESET_PAGE_LOCALES } from './locales.js';
import { RESET_PAGE_MESSAGES } from './message-tables.js';

/** Every code the contract lists, and a request that got no answer: the page must be able to explain each. */
const EVERY_FAILURE: readonly ResetPageFailureCode[] = [...RESET_ERROR_CODES, 'NETWORK_ERROR'];
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

  it('explain every code of the contract, and a missing answer, with a heading and a next step', () => {
    expect(RESET_ERROR_CODES).toContain('TOKEN_LOCKED');
    for (const code of EVERY_FAILURE) {
      expect(messages.failures[code]?.heading, code).toMatch(/\S/);
      expect(messages.failures[code]?.body, code).toMatch(/\S/);
    }
  });

  it('say something specific for each code, not the internal-error text', () => {
    const others = EVERY_FAILURE.filter((code) => code !== 'INTERNAL_ERROR');
    for (const code of others) expect(messages.failures[code].heading, code).not.toBe(messages.failures.INTERNAL_ERROR.heading);
    expect(new Set(EVERY_FAILURE.map((code) => messages.failures[code].heading)).size).toBe(EVERY_FAILURE.length);
  });

  it('name the byte limit where the policy has one, and say that some characters count as several', () => {
    const withBytes = { ...context, maxBytes: 72 };
    expect(messages.reasons.TOO_LONG(withBytes)).toContain('72');
    expect(messages.reasons.TOO_LONG(withBytes)).toContain('128');
    expect(messages.reasons.TOO_LONG(context)).not.toContain('72');
    expect(messages.reasons.TOO_LONG(withBytes)).not.toBe(messages.reasons.TOO_LONG(context));
    expect(messages.policyBytes(72)).toContain('72');
    expect(messages.lengthTooManyBytes(73, 72)).toMatch(/73.*72/);
    // The same clause in each: "(some characters count as several)", in the locale's words.
    const clause = /\(([^)]+)\)/.exec(messages.lengthTooManyBytes(73, 72))?.[1] ?? '';
    expect(clause.length).toBeGreaterThan(10);
    expect(messages.reasons.TOO_LONG(withBytes)).toContain(clause);
  });

  it('use the same placeholders as English', () => {
    for (const key of ['account', 'expires', 'policyContext'] as const)
      expect(placeholders(messages[key])).toEqual(placeholders(RESET_PAGE_MESSAGES.en[key]));
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
    for (const code of EVERY_FAILURE)
      expect(RESET_PAGE_MESSAGES[locale].failures[code].body, `${locale} ${code}`).not.toBe(RESET_PAGE_MESSAGES.en.failures[code].body);
  }
});
