/** The bounds the live check needs; the API's policy description has them. */
export interface PasswordLengthPolicy {
  /** Minimum length in code points after NFKC. */
  readonly minLength: number;
  /** Maximum length in code points after NFKC. */
  readonly maxLength: number;
}

export type PasswordLengthStatus = 'empty' | 'too-short' | 'too-long' | 'ok';
export type PasswordMatchStatus = 'empty' | 'different' | 'same';

export interface LivePasswordCheck {
  /** Code points after NFKC, as the server counts them. */
  readonly length: number;
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
 * What the form tells the user while they type: the length against the policy and whether
 * the two entries match. No composition rules (NIST SP 800-63B §3.1.1.2).
 */
export function checkPasswordLive(password: string, confirmation: string, policy: PasswordLengthPolicy): LivePasswordCheck {
  const length = countPasswordLength(password);
  const lengthStatus: PasswordLengthStatus =
    password === '' ? 'empty' : length < policy.minLength ? 'too-short' : length > policy.maxLength ? 'too-long' : 'ok';
  // Entries that differ only in Unicode form are the same password to the server, which normalises.
  const matchStatus: PasswordMatchStatus =
    confirmation === '' ? 'empty' : password.normalize('NFKC') === confirmation.normalize('NFKC') ? 'same' : 'different';
  return { length, lengthStatus, matchStatus, submittable: lengthStatus === 'ok' && matchStatus === 'same' };
}
