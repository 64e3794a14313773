import { describe, expect, it } from 'vitest';
import { accountFromRow, isDisabledValue } from './sql-account-row.js';

describe('isDisabledValue', () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [0, false],
    [2n, true],
    [0n, false],
    [Buffer.from([1]), true],
    [Buffer.from([0]), false],
    ['t', true],
    ['TRUE', true],
    ['0', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('reads %s as disabled: %s', (value, disabled) => {
    expect(isDisabledValue(value)).toBe(disabled);
  });
});

describe('accountFromRow', () => {
  it('reads an account, either disabled source counting', () => {
    expect(
      accountFromRow({ pwreset_id: '7', pwreset_email: 'a@example.com', pwreset_name: 'A', pwreset_disabled: 0, pwreset_disabled_when: 1 }),
    ).toEqual({
      id: '7',
      email: 'a@example.com',
      name: 'A',
      disabled: true,
    });
  });

  it('refuses a row without an id or an address, or with an id longer than 255 characters', () => {
    expect(accountFromRow({ pwreset_id: null, pwreset_email: 'a@example.com' })).toBeUndefined();
    expect(accountFromRow({ pwreset_id: '7', pwreset_email: '  ' })).toBeUndefined();
    expect(accountFromRow({ pwreset_id: 'x'.repeat(256), pwreset_email: 'a@example.com' })).toBeUndefined();
  });
});
