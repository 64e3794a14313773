import { DependencyUnavailableError } from '@pwreset/contract';
import {
  completePasswordReset,
  completeTemporaryPasswordReset,
  namedUserDirectories,
  requestLegacyPasswordReset,
  type ResetPorts,
  type UserDirectory,
} from '@pwreset/contract/engine';
import {
  createInMemoryResetPorts,
  resetSecretFromMail,
  runQueuedJobs,
  temporaryPasswordFromMail,
  testResetClient,
} from '@pwreset/contract/testing';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisUserDirectory } from '../users/redis-user-directory.js';
import { redisResetTokenStore } from './redis-reset-token-store.js';
import { redisTemporaryPasswordStore } from './redis-temporary-password-store.js';
import { singleKeyRing } from './key-ring.js';

// The engine's completions over the real Redis stores (secrets, codes, users): the reservation's Lua scripts decide.

const privateRedis = usePrivateRedisPerFile();
const requester = { ip: '198.51.100.20' };
const REVEAL = { hideUnknownAccounts: false } as const;

/** The embedded directory in Redis, wrapped to count (and, while `failing`, refuse) password writes. */
async function redisWorld() {
  const redis = privateRedis.redis();
  const keys = redisKeys(privateRedis.freshPrefix());
  const embedded = redisUserDirectory({ redis, keys, directory: 'shop' });
  /** `landsThenTimesOut`: the next write is stored, then rejected as a timeout would be (outcome unknown). */
  const writes = { count: 0, failing: false, landsThenTimesOut: false };
  const counted: UserDirectory = {
    ...embedded,
    async setPassword(userId, password) {
      writes.count += 1;
      if (writes.failing) throw new DependencyUnavailableError('user directory "shop"');
      await embedded.setPassword(userId, password);
      if (!writes.landsThenTimesOut) return;
      writes.landsThenTimesOut = false;
      throw new DependencyUnavailableError('user directory "shop"', { outcomeUnknown: true });
    },
  };
  const inMemory = createInMemoryResetPorts();
  const keyRing = singleKeyRing('reserved-completion-pepper-0123456789');
  const ports: ResetPorts = {
    ...inMemory,
    tokens: redisResetTokenStore({ redis, keys, keyRing, clock: inMemory.clock }),
    temporaryPasswords: redisTemporaryPasswordStore({ redis, keys, keyRing, clock: inMemory.clock }),
    users: namedUserDirectories({ shop: counted }),
  };
  const client = testResetClient({ id: 'cl_shop', directory: 'shop', legacyApis: ['antel'] });
  inMemory.clients.register(client);
  const created = await embedded.createUser({ email: 'jane@example.com', password: 'old passphrase 1' });
  if (!created.created) throw new Error('jane exists');
  async function mailed(delivery: 'link' | 'temporary-password'): Promise<string> {
    await requestLegacyPasswordReset(ports, client, { email: 'jane@example.com', delivery }, requester, REVEAL);
    await runQueuedJobs(ports, inMemory.jobs);
    const last = inMemory.mail.sentTo('jane@example.com').at(-1);
    return delivery === 'link' ? resetSecretFromMail(last) : temporaryPasswordFromMail(last);
  }
  return { ports, jobs: inMemory.jobs, client, embedded, writes, userId: created.userId, mailed };
}

describe('completions over the Redis stores', () => {
  it('writes the password once for 20 concurrent completions with one secret', async () => {
    const { ports, jobs, embedded, writes, userId, mailed } = await redisWorld();
    const token = await mailed('link');
    const passwords = Array.from({ length: 20 }, (_, index) => `concurrent passphrase ${index}`);
    const results = await Promise.all(passwords.map((password) => completePasswordReset(ports, { token, password }, requester)));
    expect(writes.count).toBe(1);
    const winners = passwords.filter((_, index) => results[index]?.ok);
    expect(winners).toHaveLength(1);
    expect(results.filter((result) => !result.ok).map((result) => (result.ok ? null : result.error.code))).toEqual(
      Array.from({ length: 19 }, () => 'TOKEN_USED'),
    );
    expect(await embedded.verifyPassword(userId, winners[0] ?? '')).toBe(true);
    expect(jobs.queued.filter((job) => job.type === 'password-changed')).toHaveLength(1);
  });

  it('writes the password once for 20 concurrent completions with one temporary password', async () => {
    const { ports, client, writes, mailed } = await redisWorld();
    const code = await mailed('temporary-password');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        completeTemporaryPasswordReset(
          ports,
          { temporaryPassword: code, password: `concurrent passphrase ${index}` },
          requester,
          { clientId: client.id },
          REVEAL,
        ),
      ),
    );
    expect(writes.count).toBe(1);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it('releases the secret when the write fails: the link is active again and completes later', async () => {
    const { ports, jobs, embedded, writes, userId, mailed } = await redisWorld();
    const token = await mailed('link');
    writes.failing = true;
    await expect(completePasswordReset(ports, { token, password: 'a brand new passphrase' }, requester)).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect((await ports.tokens.inspect(token)).status).toBe('active');
    expect(jobs.queued).toEqual([]);
    expect(await embedded.verifyPassword(userId, 'old passphrase 1')).toBe(true);
    writes.failing = false;
    expect(await completePasswordReset(ports, { token, password: 'a brand new passphrase' }, requester)).toEqual({
      ok: true,
      value: { completed: true },
    });
    expect(await embedded.verifyPassword(userId, 'a brand new passphrase')).toBe(true);
  });

  it('completes the retry with the same password of a write that landed and then timed out, once', async () => {
    const { ports, jobs, embedded, writes, userId, mailed } = await redisWorld();
    const token = await mailed('link');
    writes.landsThenTimesOut = true;
    await expect(completePasswordReset(ports, { token, password: 'a brand new passphrase' }, requester)).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    expect(await embedded.verifyPassword(userId, 'a brand new passphrase')).toBe(true);
    expect(await ports.tokens.inspect(token)).toMatchObject({ status: 'active', record: { writeUncertain: true } });
    expect(jobs.queued).toEqual([]);
    expect(await completePasswordReset(ports, { token, password: 'a brand new passphrase' }, requester)).toEqual({
      ok: true,
      value: { completed: true },
    });
    expect(writes.count).toBe(2);
    expect(await ports.tokens.inspect(token)).toEqual({ status: 'used' });
    expect(jobs.queued.map((job) => job.type)).toEqual(['password-changed']);
  });
});
