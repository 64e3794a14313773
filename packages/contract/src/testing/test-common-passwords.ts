import type { CommonPasswordList } from '../password-policy.js';

/** A few of the most common passwords, for tests of the COMMON refusal without the full list. */
export const TEST_COMMON_PASSWORDS = ['password', 'password1', '12345678', '123456789', 'qwertyuiop', 'iloveyou', 'sunshine1'] as const;

export function testCommonPasswordList(passwords: readonly string[] = TEST_COMMON_PASSWORDS): CommonPasswordList {
  const set = new Set(passwords);
  return { has: (normalizedLowerCasePassword) => set.has(normalizedLowerCasePassword) };
}
