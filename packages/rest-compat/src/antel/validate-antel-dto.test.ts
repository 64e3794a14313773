import { describe, expect, it } from 'vitest';
import { displayNameOf, validateForgotUserPassword, validateResetUserPassword } from './validate-antel-dto.js';

const valid = { TemporaryPassword: 'K7M2XQ9PRT', Password: 'a new passphrase', PasswordConfirm: 'a new passphrase', ApiKey: 'k' };

describe('displayNameOf', () => {
  it('splits PascalCase property names into words, as FluentValidation does', () => {
    expect(['TemporaryPassword', 'PasswordConfirm', 'EmailAddress', 'Password'].map(displayNameOf)).toEqual([
      'Temporary Password',
      'Password Confirm',
      'Email Address',
      'Password',
    ]);
  });
});

describe('validateResetUserPassword', () => {
  it('passes a complete request on, with the required fields narrowed', () => {
    expect(validateResetUserPassword(valid)).toEqual({ valid: true, dto: valid });
  });

  it("fails NotEmpty with FluentValidation's wording, for unset, empty and blank values", () => {
    for (const TemporaryPassword of [undefined, '', ' \t\n']) {
      expect(validateResetUserPassword({ ...valid, TemporaryPassword })).toEqual({
        valid: false,
        errors: [
          {
            errorCode: 'NotEmpty',
            fieldName: 'TemporaryPassword',
            message: "'Temporary Password' must not be empty.",
            meta: { PropertyName: 'Temporary Password' },
          },
        ],
      });
    }
  });

  it('fails Equal naming the compared property, never its value', () => {
    const result = validateResetUserPassword({ ...valid, PasswordConfirm: 'something else' });
    expect(result).toEqual({
      valid: false,
      errors: [
        {
          errorCode: 'Equal',
          fieldName: 'PasswordConfirm',
          message: "'Password Confirm' must be equal to 'Password'.",
          meta: { PropertyName: 'Password Confirm', ComparisonProperty: 'Password' },
        },
      ],
    });
    expect(JSON.stringify(result)).not.toContain('a new passphrase');
  });

  it('reports one error per failed rule, in declaration order, every rule running', () => {
    const result = validateResetUserPassword({ ApiKey: 'k', Password: 'x' });
    expect(result.valid ? [] : result.errors.map((error) => `${error.fieldName}:${error.errorCode}`)).toEqual([
      'TemporaryPassword:NotEmpty',
      'PasswordConfirm:NotEmpty',
      'PasswordConfirm:Equal',
    ]);
  });

  it('treats two unset passwords as equal, as object.Equals(null, null) is', () => {
    const result = validateResetUserPassword({ TemporaryPassword: 'x' });
    expect(result.valid ? [] : result.errors.map((error) => error.errorCode)).toEqual(['NotEmpty', 'NotEmpty']);
  });
});

describe('validateForgotUserPassword', () => {
  it('requires the email address', () => {
    expect(validateForgotUserPassword({ ApiKey: 'k' })).toEqual({
      valid: false,
      errors: [
        {
          errorCode: 'NotEmpty',
          fieldName: 'EmailAddress',
          message: "'Email Address' must not be empty.",
          meta: { PropertyName: 'Email Address' },
        },
      ],
    });
    expect(validateForgotUserPassword({ EmailAddress: 'ana@example.com' })).toEqual({
      valid: true,
      dto: { EmailAddress: 'ana@example.com' },
    });
  });
});
