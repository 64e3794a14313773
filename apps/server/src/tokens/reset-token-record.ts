import { z } from 'zod';

/** The stored form of a reset secret's record: a Redis hash under the secret's keyed hash. */
export const storedResetTokenSchema = z.object({
  userId: z.string().min(1),
  clientId: z.string().min(1),
  /** Milliseconds since the epoch. */
  issuedAt: z.coerce.number(),
  /** Milliseconds since the epoch; the secret stops working at this instant. */
  expiresAt: z.coerce.number(),
  /** The user's reset generation when issued; a later generation kills the secret. */
  generation: z.coerce.number(),
  state: z.enum(['active', 'used', 'locked']),
  /** Refused completions so far; at the limit the secret is locked. */
  failedAttempts: z.coerce.number().int().default(0),
});

export type StoredResetToken = z.infer<typeof storedResetTokenSchema>;
