/** The bounds the live check needs; the API's policy description has them. */
export interface PasswordLengthPolicy {
  /** Minimum length in code points after NFKC. */
  readonly minLength: number;
  /** Maximum length in code points after NFKC. */
  readonly maxLength: number;
  /** Maximum length in bytes of UTF-8 of the password as typed, when the user's directory has one (bcrypt: 72). */
  readonly maxBytes?: number | undefined;
}

/** `too-many-bytes`: within maxLength perhaps, but longer than maxBytes (accented letters, emoji count as several). */
export type PasswordLengthStatus = 'empty' | 'too-short' | 'too-long' | 'too-many-bytes' | 'ok';
export type PasswordMatchStatus = 'empty' | 'different' | 'same';

export interface LivePasswordCheck {
  /** Code points after NFKC, as the server counts them. */
  readonly length: number;
  /** Bytes of UTF-8 of the password as typed, as the server measures it against maxBytes. */
  readonly bytes: number;
  readonly lengthStatus: PasswordLengthStatus;
  readonly matchStatus: PasswordMatchStatus;
  /** Whether submitting can succeed as far as the browser can tell (the server still checks lists and context). */
  readonly submittable: boolean;
}

/** The length the server's policy counts: Unicode code points after NFKC normalisation. */
export function countPasswordLength(password: string): number {
  let count = 0;
  for (const _ of password.normalize('NFKC')) count += 1;
  return count;
}

/**
 * The size the server holds against `maxBytes`: bytes of UTF-8 of the password exactly as typed, not
 * normalised, since that is what the page sends and what the application's store hashes.
 */
export function countPasswordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

/**
 * What the form tells the user while they type: the length against the policy and whether
 * the two entries match. No composition rules (NIST SP 800-63B §3.1.1.2). The byte limit is told
 * first when passed: a password over it is refused however few characters it has.
 */
export function checkPasswordLive(password: string, confirmation: string, policy: PasswordLengthPolicy): LivePasswordCheck {
  const length = countPasswordLength(password);
  const bytes = countPasswordBytes(password);
  const lengthStatus: PasswordLengthStatus =
    password === ''
      ? 'empty'
      : length < policy.minLength
        ? 'too-short'
        : policy.maxBytes !== undefined && bytes > policy.maxBytes
          ? 'too-many-bytes'
          : length > policy.maxLength
            ? 'too-long'
            : 'ok';
  // Entries that differ only in Unicode form are the same password to the server, which normalises.
  const matchStatus: PasswordMatchStatus =
    confirmation === '' ? 'empty' : password.normalize('NFKC') === confirmation.normalize('NFKC') ? 'same' : 'different';
  return { length, bytes, lengthStatus, matchStatus, submittable: lengthStatus === 'ok' && matchStatus === 'same' };
}
