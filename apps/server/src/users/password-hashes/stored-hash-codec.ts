import type { PasswordHashFormat } from './password-hasher.js';

/** How one format's stored hashes are recognised and checked; one implementation per format. */
export interface StoredHashCodec {
  readonly format: PasswordHashFormat;
  /**
   * Whether `storedHash` is a well-formed hash of this format whose parameters are within the bounds we accept.
   * Bounds matter because a stored hash names its own cost: a hostile or corrupt row must not make us
   * allocate gigabytes or spin for minutes.
   */
  isWellFormed(storedHash: string): boolean;
  /** Whether `password` matches; constant time. Only called on a hash `isWellFormed` accepted. */
  verify(password: string, storedHash: string): Promise<boolean>;
}
