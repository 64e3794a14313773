import { redisStorage } from '@better-auth/redis-storage';
import { betterAuth, type Auth, type BetterAuthOptions } from 'better-auth';
import type Database from 'better-sqlite3';
import type { Redis } from 'ioredis';

/** better-auth as the peer runs it (its options typed broadly: the bench needs only its handler and context). */
export type PeerAuth = Auth<BetterAuthOptions>;

/** Limits far above any bench run: the limiter's Redis work is done on every request, none is refused (as for ours). */
const UNREACHED_LIMIT = { window: 3_600, max: 100_000_000 };

export interface PeerAuthDependencies {
  readonly database: Database.Database;
  readonly redis: Redis;
  readonly baseURL: string;
  readonly secret: string;
  /** better-auth's sendResetPassword: the mail itself is a no-op, only counted. */
  readonly onResetMail: () => void;
}

/**
 * better-auth as its documentation sets it up for email and password: users in SQLite through its
 * Kysely adapter, verification values and rate-limit counters in Redis (its secondary storage), and
 * the reset mail handed to a callback. The options are returned too: migrations are planned from them.
 */
export function createPeerAuth({ database, redis, baseURL, secret, onResetMail }: PeerAuthDependencies): {
  auth: PeerAuth;
  options: BetterAuthOptions;
} {
  const options: BetterAuthOptions = {
    baseURL,
    secret,
    database,
    secondaryStorage: redisStorage({ client: redis }),
    emailAndPassword: {
      enabled: true,
      // Awaited (not in the background): the mail is handed over before the answer, as it would be
      // to a mail API; the callback itself does nothing.
      sendResetPassword: async () => {
        onResetMail();
      },
    },
    rateLimit: {
      enabled: true,
      storage: 'secondary-storage',
      ...UNREACHED_LIMIT,
      customRules: { '/request-password-reset': UNREACHED_LIMIT },
    },
    telemetry: { enabled: false },
    // Its logger would warn on every unknown address and every request without a client IP.
    logger: { level: 'error' },
  };
  return { auth: betterAuth(options), options };
}
