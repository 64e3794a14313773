import { DependencyUnavailableError } from '@pwreset/contract';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMasterWithReplica, type MasterWithReplica } from '../../test/support/master-with-replica.js';
import { createRequestPathRedis } from './create-redis-client.js';
import { waitForReplicas } from './wait-for-replicas.js';

let redis: MasterWithReplica;
let writer: Redis;
let fence: Redis;
let replicaPid: number;

beforeAll(async () => {
  redis = await startMasterWithReplica();
  replicaPid = redis.replicaPid;
  writer = new Redis(redis.master.url);
  // Synced once a write through the master is acknowledged (the first sync takes a moment).
  const deadline = Date.now() + 10_000;
  while ((await writer.set('synced', '1'), await writer.wait(1, 200)) < 1) {
    if (Date.now() > deadline) throw new Error('the replica did not sync within 10 s');
  }
  fence = createRequestPathRedis({ url: redis.master.url, connectionName: 'test-replica-wait' });
  await fence.connect();
});

afterAll(async () => {
  writer?.disconnect();
  fence?.disconnect();
  await redis?.stop();
});

const waitCalls = async () => Number(/cmdstat_wait:calls=(\d+)/.exec(await writer.info('commandstats'))?.[1] ?? 0);

describe('waitForReplicas', () => {
  it('resolves once the replica holds a write made on another connection, and rejects while it cannot have it', async () => {
    // A long timeout where the replica answers (WAIT returns as soon as it has), a short one where it cannot.
    const wait = waitForReplicas({ connection: fence, fenceKey: 'fence', replicas: 1, timeoutMs: 5_000 });
    const impatient = waitForReplicas({ connection: fence, fenceKey: 'fence', replicas: 1, timeoutMs: 300 });
    await writer.set('before', '1');
    await expect(wait()).resolves.toBeUndefined();

    // A frozen replica acknowledges nothing: the write just made (on the writer, not on the fence's
    // connection) is on the master only, and the wait must say so rather than count the replica.
    process.kill(replicaPid, 'SIGSTOP');
    try {
      await writer.set('while-frozen', '1');
      const refused = await impatient().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(DependencyUnavailableError);
      expect(refused).toMatchObject({ dependency: 'redis replicas', outcomeUnknown: true });
    } finally {
      process.kill(replicaPid, 'SIGCONT');
    }
    await expect(wait()).resolves.toBeUndefined();
  });

  it('asks for more replicas than there are: a shortfall within the timeout, not a hang', async () => {
    const wait = waitForReplicas({ connection: fence, fenceKey: 'fence', replicas: 2, timeoutMs: 100 });
    await expect(wait()).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('serves a burst of callers with two rounds: one running, one shared by all who came during it', async () => {
    const wait = waitForReplicas({ connection: fence, fenceKey: 'fence', replicas: 1, timeoutMs: 5_000 });
    const before = await waitCalls();
    await Promise.all(Array.from({ length: 20 }, () => wait()));
    expect((await waitCalls()) - before).toBe(2);
  });
});
