import type { Redis } from 'ioredis';
import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { redisKeys } from '../redis/redis-keys.js';
import { BENCH_PEPPER } from './bench-client-authorization.js';
import { singleKeyRing } from '../tokens/key-ring.js';

/** Issue 15's limits, in bytes of Redis memory. */
export const MEMORY_LIMITS = { perSecret: 300, perJob: 1024 } as const;

export interface MemoryFigure {
  readonly sample: number;
  /** Mean `MEMORY USAGE` of the keys each one adds, in bytes. */
  readonly memoryUsageBytes: number;
  /** `INFO memory` used_memory after less before, divided by the sample. */
  readonly usedMemoryDeltaBytes: number;
  readonly limitBytes: number;
  /** `MEMORY USAGE` (the issue's measure) within the limit. */
  readonly pass: boolean;
}

async function usedMemory(redis: Redis): Promise<number> {
  const match = /^used_memory:(\d+)/m.exec(await redis.info('memory'));
  if (!match) throw new Error('INFO memory has no used_memory');
  return Number(match[1]);
}

async function memoryUsage(redis: Redis, keys: readonly string[]): Promise<number> {
  let total = 0;
  for (let start = 0; start < keys.length; start += 500) {
    const pipeline = redis.pipeline();
    // SAMPLES 0: every element of a hash or stream, not an estimate from five.
    for (const key of keys.slice(start, start + 500)) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, bytes] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      total += Number(bytes ?? 0);
    }
  }
  return total;
}

async function keysMatching(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...batch);
  } while (cursor !== '0');
  return found;
}

function figure(sample: number, memoryBytes: number, usedDelta: number, limitBytes: number): MemoryFigure {
  const memoryUsageBytes = Math.round(memoryBytes / sample);
  const usedMemoryDeltaBytes = Math.round(usedDelta / sample);
  return { sample, memoryUsageBytes, usedMemoryDeltaBytes, limitBytes, pass: memoryUsageBytes <= limitBytes };
}

/**
 * A live secret's memory: its record and its account's generation counter (what `issue` writes, but
 * for the account's index of links, `resets list`'s). The accounts exist beforehand, so their own
 * keys are outside the figure.
 */
export async function measureSecretMemory(
  redis: Redis,
  users: ReadonlyArray<{ userId: string }>,
  issueSecrets: (users: ReadonlyArray<{ userId: string }>) => Promise<string[]>,
): Promise<MemoryFigure> {
  const keys = redisKeys('pwreset');
  const before = await usedMemory(redis);
  const secrets: string[] = [];
  for (let start = 0; start < users.length; start += 500) secrets.push(...(await issueSecrets(users.slice(start, start + 500))));
  const after = await usedMemory(redis);
  const secretKeys = [
    ...secrets.map((secret) => keys.resetToken(singleKeyRing(BENCH_PEPPER).digestOfStamped(secret))),
    ...users.map(({ userId }) => keys.userResetGeneration({ directory: DEFAULT_USER_DIRECTORY, userId })),
  ];
  return figure(users.length, await memoryUsage(redis, secretKeys), after - before, MEMORY_LIMITS.perSecret);
}

/**
 * A queued job's memory: `queue` is called to queue `sample` jobs (requests with the worker off, so
 * they wait in the intake stream; `move`, when given, then moves them into BullMQ's queue, to weigh
 * them there); every key of BullMQ's queue (job hashes, the wait list, the events stream, the id
 * counter) and the intake stream are weighed before and after, and so is all of Redis (used_memory),
 * which also holds whatever else queuing did (audit entries, throttle counters): an upper bound.
 */
export async function measureJobMemory(
  redis: Redis,
  sample: number,
  queue: () => Promise<void>,
  move: () => Promise<void> = async () => undefined,
): Promise<MemoryFigure> {
  const keys = redisKeys('pwreset');
  const pattern = `${keys.queuePrefix()}*`;
  const weighQueue = async () => memoryUsage(redis, [...(await keysMatching(redis, pattern)), keys.resetRequestIntake()]);
  const queueBefore = await weighQueue();
  const before = await usedMemory(redis);
  await queue();
  await move();
  const after = await usedMemory(redis);
  const queueAfter = await weighQueue();
  return figure(sample, queueAfter - queueBefore, after - before, MEMORY_LIMITS.perJob);
}
