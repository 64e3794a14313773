import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { z } from 'zod';

/**
 * A reset secret's record, under the secret's keyed hash: one string (reset-token-record-encoding.ts)
 * or, as versions before it wrote it, a hash of these fields, read until it expires.
 */
export const storedResetTokenSchema = z.object({
  userId: z.string().min(1),
  /**
   * The user's directory. Records written before directories existed have none: they were all of
   * the one embedded directory, and read as such (their generation key changed with the keys, so
   * they read as superseded, not as a crash).
   */
  directory: z.string().min(1).default(DEFAULT_USER_DIRECTORY),
  clientId: z.string().min(1),
  /** Milliseconds since the epoch. */
  issuedAt: z.coerce.number(),
  /** Milliseconds since the epoch; the secret stops working at this instant. */
  expiresAt: z.coerce.number(),
  /** The user's reset generation when issued; a later generation kills the secret. */
  generation: z.coerce.number(),
  /**
   * Strings only: the count under the user's counter of earlier versions when issued, if the user
   * has one (see RedisKeys.legacyUserResetGeneration): a bump by a server of that version, still
   * running in a rolling upgrade, kills the secret too. Hashes compare `generation` with that counter.
   */
  legacyGeneration: z.number().int().optional(),
  /** `reserved`: a completion is writing its password (see RESERVE_RESET_TOKEN_SCRIPT). */
  state: z.enum(['active', 'reserved', 'used', 'locked']),
  /** While `reserved`: when the lease runs out, in milliseconds since the epoch. */
  reservedUntil: z.coerce.number().default(0),
  /** Refused completions so far; at the limit the secret is locked. */
  failedAttempts: z.coerce.number().int().default(0),
  /** `1` once a release said the write may have landed (see RELEASE_RESET_TOKEN_SCRIPT); absent otherwise. */
  writeUncertain: z.enum(['1']).optional(),
});

export type StoredResetToken = z.infer<typeof storedResetTokenSchema>;
