import type { PasswordRefusalReason } from './error-codes.js';
import type { PasswordPolicyDescription } from './schemas.js';

/**
 * One password policy for every path (tRPC, hosted page, legacy routes), after NIST SP 800-63B
 * §3.1.1.2: length counted in code points after NFKC, no composition rules, a blocklist of
 * common passwords and context words.
 */
export interface PasswordPolicy {
  /** Minimum length in code points. Default 8; a client may raise it. */
  readonly minLength: number;
  /** Maximum length in code points. At least 64, so passphrases fit. */
  readonly maxLength: number;
  /**
   * Maximum length in bytes of UTF-8 of the password exactly as given (not its NFKC form), when the
   * directory's hash format reads no more (bcrypt: 72). Absent: no byte limit. Never set by a client:
   * the engine narrows the policy by the user's directory (effectivePasswordPolicy).
   */
  readonly maxBytes?: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, maxLength: 128 };

/** Answers whether a normalised, lower-cased password is on a common-password list, in O(1). */
export interface CommonPasswordList {
  has(normalizedLowerCasePassword: string): boolean;
}

export interface PasswordCheckContext {
  /** Words the password must not contain: the address's local part, the application's name. */
  readonly contextWords?: readonly string[];
  readonly commonPasswords?: CommonPasswordList;
}

/** Context words shorter than this are too likely to occur by chance to refuse a password for. */
const MIN_CONTEXT_WORD_LENGTH = 4;

export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * The length of `text` in bytes of UTF-8, as Buffer.byteLength and TextEncoder count it (a lone
 * surrogate is the 3 bytes of U+FFFD), without either: this module runs in browsers too.
 */
export function countUtf8Bytes(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Returns every reason the password is refused; an empty list means it is acceptable.
 *
 * Code points are counted after NFKC (the form the embedded directory hashes), but `maxBytes` is
 * measured on the password exactly as given: that is the string the engine hands to
 * UserDirectory.setPassword, and an application's store (a SQL directory's hasher) hashes it
 * unchanged, since its own login checks what its user types. A bcrypt directory therefore never
 * receives more than its 72 bytes, which it would otherwise silently truncate.
 */
export function checkPassword(password: string, policy: PasswordPolicy, context: PasswordCheckContext = {}): PasswordRefusalReason[] {
  const reasons: PasswordRefusalReason[] = [];
  // Check the raw size first so a huge input is refused before any normalisation work.
  if (password.length > policy.maxLength * 4) return ['TOO_LONG'];
  const normalized = normalizePassword(password);
  const length = countCodePoints(normalized);
  if (length < policy.minLength) reasons.push('TOO_SHORT');
  const tooManyBytes = policy.maxBytes !== undefined && countUtf8Bytes(password) > policy.maxBytes;
  if (length > policy.maxLength || tooManyBytes) reasons.push('TOO_LONG');
  const lower = normalized.toLowerCase();
  if (context.commonPasswords?.has(lower)) reasons.push('COMMON');
  if (containsContextWord(lower, context.contextWords ?? [])) reasons.push('CONTEXTUAL');
  return reasons;
}

function containsContextWord(lowerPassword: string, contextWords: readonly string[]): boolean {
  return contextWords
    .flatMap((word) => [word, ...word.split(/[^\p{L}\p{N}]+/u)])
    .map((word) => word.normalize('NFKC').toLowerCase())
    .filter((word) => countCodePoints(word) >= MIN_CONTEXT_WORD_LENGTH)
    .some((word) => lowerPassword.includes(word));
}

/** The context words of a reset: the address's local part and the application's name. */
export function passwordContextWords(email: string, applicationName: string): string[] {
  const localPart = email.slice(0, Math.max(0, email.lastIndexOf('@')));
  return [localPart, applicationName].filter((word) => word.length > 0);
}

/**
 * The policy as `inspect` and `passwordReset.policy` show it; `maxBytes` only when there is a byte
 * limit, and BREACHED among the reasons only when a breach corpus is configured.
 */
export function describePasswordPolicy(policy: PasswordPolicy, { checksBreaches = false } = {}): PasswordPolicyDescription {
  return {
    minLength: policy.minLength,
    maxLength: policy.maxLength,
    ...(policy.maxBytes === undefined ? {} : { maxBytes: policy.maxBytes }),
    refusesCommonPasswords: true,
    refusesContextWords: true,
    refusesCurrentPassword: true,
    reasons: ['TOO_SHORT', 'TOO_LONG', 'COMMON', 'CONTEXTUAL', 'REUSED', ...(checksBreaches ? (['BREACHED'] as const) : [])],
  };
}
