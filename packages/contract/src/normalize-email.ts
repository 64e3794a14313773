/**
 * The longest address an account can have (RFC 5321's 256-octet path less its angle brackets),
 * counted in UTF-16 code units as zod's `.max` counts. Also the longest a queued job carries.
 */
export const MAX_ACCOUNT_EMAIL_LENGTH = 254;

/** The shortest address an account can have (`a@b`); also the shortest a queued job carries. */
export const MIN_ACCOUNT_EMAIL_LENGTH = 3;

/**
 * Whether a normalised address could belong to an account at all. NFKC and lower-casing can
 * lengthen an address (`\uFDFA` becomes 18 characters), so a route that accepted an address can
 * still hand the engine one that no account has: the engine treats it as an unknown account. So
 * does it one too short (a legacy DTO checks no length, and trimming can shorten one).
 */
export function couldBeAccountEmail(normalizedEmail: string): boolean {
  return normalizedEmail.length >= MIN_ACCOUNT_EMAIL_LENGTH && normalizedEmail.length <= MAX_ACCOUNT_EMAIL_LENGTH;
}

/**
 * The form of an address used for lookups and throttle keys: NFKC, trimmed, lower-cased.
 * Lower-casing the local part is not RFC 5321's letter, but no mail provider a user would
 * reset a password with treats case as significant, and two accounts differing only in case
 * are an account-takeover risk.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** `jane.doe@example.com` → `j*******@example.com`: enough to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const first = Array.from(local)[0] ?? '';
  return `${first}${'*'.repeat(Math.max(3, Array.from(local).length - 1))}${email.slice(at)}`;
}
