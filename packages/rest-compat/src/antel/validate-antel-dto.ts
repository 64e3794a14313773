import type { ResponseError } from './antel-answer.js';
import type { ForgotUserPasswordDto, ResetUserPasswordDto } from './bind-antel-dto.js';

type ValidatedProperty = ResponseError['fieldName'];

/** FluentValidation's display name: the property name split at its capitals ("Temporary Password"). */
export function displayNameOf(property: string): string {
  return property.replace(/(?<=[a-z0-9])(?=[A-Z])/g, ' ');
}

/** FluentValidation's NotEmpty: fails for null, the empty string and white space only. */
function notEmpty(property: ValidatedProperty, value: string | undefined): ResponseError | null {
  if (value !== undefined && value.trim() !== '') return null;
  const name = displayNameOf(property);
  return { errorCode: 'NotEmpty', fieldName: property, message: `'${name}' must not be empty.`, meta: { PropertyName: name } };
}

/**
 * FluentValidation's Equal against another property (ordinal comparison; unset equals unset).
 * Its template says '{ComparisonValue}', the other property's value, which here is the new
 * password: we name the property instead (as docs/antel.md says), and keep values out of meta.
 */
function equalTo(
  property: ValidatedProperty,
  value: string | undefined,
  other: ValidatedProperty,
  otherValue: string | undefined,
): ResponseError | null {
  if (value === otherValue) return null;
  const name = displayNameOf(property);
  const otherName = displayNameOf(other);
  return {
    errorCode: 'Equal',
    fieldName: property,
    message: `'${name}' must be equal to '${otherName}'.`,
    meta: { PropertyName: name, ComparisonProperty: otherName },
  };
}

const failed = (results: readonly (ResponseError | null)[]): ResponseError[] =>
  results.filter((result): result is ResponseError => result !== null);

export type Validated<Dto> =
  { readonly valid: true; readonly dto: Dto } | { readonly valid: false; readonly errors: readonly ResponseError[] };

export type ValidResetUserPassword = ResetUserPasswordDto & {
  readonly TemporaryPassword: string;
  readonly Password: string;
  readonly PasswordConfirm: string;
};
export type ValidForgotUserPassword = ForgotUserPasswordDto & { readonly EmailAddress: string };

/**
 * Antel's reset validator, rules in declaration order; every rule runs (FluentValidation's default
 * cascade), so an empty PasswordConfirm next to a Password fails NotEmpty and Equal both.
 * ApiKey is not here: authentication runs before validation and answers 401 for it.
 */
export function validateResetUserPassword(dto: ResetUserPasswordDto): Validated<ValidResetUserPassword> {
  const errors = failed([
    notEmpty('TemporaryPassword', dto.TemporaryPassword),
    notEmpty('Password', dto.Password),
    notEmpty('PasswordConfirm', dto.PasswordConfirm),
    equalTo('PasswordConfirm', dto.PasswordConfirm, 'Password', dto.Password),
  ]);
  const { TemporaryPassword, Password, PasswordConfirm } = dto;
  // NotEmpty already failed for any of them unset; the test narrows the types.
  if (errors.length > 0 || TemporaryPassword === undefined || Password === undefined || PasswordConfirm === undefined)
    return { valid: false, errors };
  return { valid: true, dto: { ...dto, TemporaryPassword, Password, PasswordConfirm } };
}

export function validateForgotUserPassword(dto: ForgotUserPasswordDto): Validated<ValidForgotUserPassword> {
  const errors = failed([notEmpty('EmailAddress', dto.EmailAddress)]);
  const { EmailAddress } = dto;
  if (errors.length > 0 || EmailAddress === undefined) return { valid: false, errors };
  return { valid: true, dto: { ...dto, EmailAddress } };
}
