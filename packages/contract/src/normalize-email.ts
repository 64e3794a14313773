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
