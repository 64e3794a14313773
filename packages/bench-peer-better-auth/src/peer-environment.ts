import { z } from 'zod';

/** The peer server's whole environment, as the bench sets it (nothing else is read). */
export const peerEnvironmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535),
  HOST: z.string().default('127.0.0.1'),
  /** better-auth's secondary storage: verification values and rate-limit counters. */
  REDIS_URL: z.string().url(),
  /** The SQLite file of better-auth's user, account, session and verification tables. */
  SQLITE_FILE: z.string().min(1),
  /** Accounts seeded before the server answers /healthz (peerUserEmail(0 … n-1)). */
  PEER_USERS: z.coerce.number().int().min(1).default(100),
  /** better-auth signs its cookies with it; nothing here reaches a browser. */
  BETTER_AUTH_SECRET: z.string().min(32).default('bench-peer-secret-not-for-production-0001'),
});

export type PeerEnvironment = z.infer<typeof peerEnvironmentSchema>;

/** Every problem at once, like the service's own configuration. */
export function readPeerEnvironment(environment: NodeJS.ProcessEnv): PeerEnvironment {
  const parsed = peerEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new Error(`bad peer environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
