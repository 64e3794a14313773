export { PASSWORD_HASH_FORMATS, UnknownPasswordHashFormatError } from './password-hasher.js';
export type { PasswordHasher, PasswordHashFormat } from './password-hasher.js';
export { createPasswordHasher, storedPasswordHashFormat, verifyPasswordAgainstStoredHash } from './create-password-hasher.js';
export type { PasswordHasherOptions } from './create-password-hasher.js';
export { exceedsFormatPasswordLimit, maximumPasswordBytes } from './password-length-limits.js';
export { BCRYPT_WRITTEN_PREFIXES, DEFAULT_BCRYPT_COST, MAX_BCRYPT_COST, MIN_BCRYPT_COST } from './bcrypt-format.js';
export type { BcryptWrittenPrefix } from './bcrypt-format.js';
export {
  DEFAULT_PASSWORD_HASH_CONCURRENCY,
  inPasswordHashSlot,
  passwordHashSlots,
  setPasswordHashConcurrency,
} from './password-hash-slots.js';
