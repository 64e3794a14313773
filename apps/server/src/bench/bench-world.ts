import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { Redis } from 'ioredis';
import { redisClientRegistry } from '../clients/redis-client-registry.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisResetTokenStore } from '../tokens/redis-reset-token-store.js';
import { hashPassword } from '../users/password-hashing.js';
import { redisUserDirectory } from '../users/redis-user-directory.js';
import { BENCH_PEPPER } from './bench-client-authorization.js';
import { singleKeyRing } from '../tokens/key-ring.js';

/** The password every bench account starts with; completions set another. */
export const BENCH_OLD_PASSWORD = 'bench old passphrase 0001';

export interface BenchCredentials {
  readonly clientId: string;
  /** `Bearer …` for the tRPC API and Cameramanager (`/oauth/token`). */
  readonly authorization: string;
  /** `Bearer …` from Teen Quotes' own `/oauth`. */
  readonly teenQuotesAuthorization: string;
  /** Antel's `ApiKey`. */
  readonly apiKey: string;
}

export interface BenchWorld {
  readonly credentials: BenchCredentials;
  /** Adds `count` accounts of the embedded directory, all with BENCH_OLD_PASSWORD; returns their addresses and ids. */
  addUsers(count: number, tag: string): Promise<Array<{ email: string; userId: string }>>;
  /** Live reset secrets for those accounts, issued as the worker issues them (the same store). */
  issueSecrets(users: ReadonlyArray<{ userId: string }>): Promise<string[]>;
  close(): void;
}

async function accessToken(resetUrl: string, path: string, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(`${resetUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  });
  const { access_token: token } = (await response.json()) as { access_token?: string };
  if (!token) throw new Error(`no access token from ${path} (status ${response.status})`);
  return `Bearer ${token}`;
}

/**
 * What the bench needs in the reset server's Redis, written with the server's own adapters: one
 * client allowed on every API (legacy ones included), accounts, and secrets for inspect and complete.
 */
export async function createBenchWorld(redisUrl: string, resetUrl: string): Promise<BenchWorld> {
  const redis = new Redis(redisUrl);
  const keys = redisKeys('pwreset');
  const registry = redisClientRegistry({
    redis,
    keys,
    keyRing: singleKeyRing(BENCH_PEPPER),
    defaults: { hostedResetPageUrl: `${resetUrl}/reset`, resetTokenTtlSeconds: 86_400 },
  });
  const added = await registry.add({
    name: 'Bench',
    resetUrls: [],
    defaultLocale: 'en',
    minPasswordLength: 8,
    legacyApis: ['cameramanager', 'trafficops', 'antel', 'teenquotes'],
  });
  if (!added.ok) throw new Error(`cannot register the bench client: ${added.reason}`);
  const { clientId } = added.client;
  const credentials: BenchCredentials = {
    clientId,
    authorization: await accessToken(resetUrl, '/oauth/token', clientId, added.clientSecret),
    teenQuotesAuthorization: await accessToken(resetUrl, '/oauth', clientId, added.clientSecret),
    apiKey: added.apiKey,
  };
  const users = redisUserDirectory({ redis, keys, directory: DEFAULT_USER_DIRECTORY });
  const tokens = redisResetTokenStore({ redis, keys, keyRing: singleKeyRing(BENCH_PEPPER), clock: { now: () => new Date() } });
  // One hash for every account (imported as is): thousands of argon2id runs would only slow the set-up.
  const passwordHash = await hashPassword(BENCH_OLD_PASSWORD);
  return {
    credentials,
    async addUsers(count, tag) {
      const made: Array<{ email: string; userId: string }> = [];
      // A hundred at a time: ten thousand one by one would be most of a short run.
      for (let start = 0; start < count; start += 100) {
        const emails = Array.from({ length: Math.min(100, count - start) }, (_, offset) => `bench-${tag}-${start + offset}@example.com`);
        const results = await Promise.all(emails.map((email) => users.importUser({ email, passwordHash })));
        results.forEach((result, offset) => {
          if (!result.created) throw new Error(`cannot add a bench account: ${result.reason}`);
          made.push({ email: emails[offset] ?? '', userId: result.userId });
        });
      }
      return made;
    },
    async issueSecrets(accounts) {
      const expiresAt = new Date(Date.now() + 86_400_000);
      const issued = await Promise.all(
        accounts.map(({ userId }) => tokens.issue({ userId, directory: DEFAULT_USER_DIRECTORY, clientId, expiresAt })),
      );
      return issued.map(({ secret }) => secret);
    },
    close: () => redis.disconnect(),
  };
}
