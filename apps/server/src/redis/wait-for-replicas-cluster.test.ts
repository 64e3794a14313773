import { DependencyUnavailableError } from '@pwreset/contract';
import { startPrivateRedisCluster, type PrivateRedisCluster } from '@pwreset/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisConnectionFactory } from './redis-connection-factory.js';
import { waitForReplicas } from './wait-for-replicas.js';

// On a Redis Cluster a replica follows one master, so the wait asks every master (WAIT through the
// cluster client's own connection to it). These masters have no replica: every round falls short.

let cluster: PrivateRedisCluster;
let client: Cluster;

beforeAll(async () => {
  cluster = await startPrivateRedisCluster();
  const connection = redisConnectionFactory({ mode: 'cluster', nodes: cluster.nodes, tls: false }).requestPath('test-replica-wait');
  if (!(connection instanceof Cluster)) throw new Error('the factory built no Cluster for cluster settings');
  client = connection;
  client.on('error', () => undefined);
  await client.connect();
}, 30_000);

afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

async function waitCallsByMaster(): Promise<number[]> {
  return Promise.all(
    cluster.nodes.map(async ({ host, port }) => {
      const node = new Redis({ host, port });
      try {
        return Number(/cmdstat_wait:calls=(\d+)/.exec(await node.info('commandstats'))?.[1] ?? 0);
      } finally {
        node.disconnect();
      }
    }),
  );
}

describe('waitForReplicas on a Redis Cluster', () => {
  it('sends WAIT to every master, and reports a shortfall when a master has fewer replicas', async () => {
    await client.set('{a}written', '1');
    const before = await waitCallsByMaster();
    const wait = waitForReplicas({ connection: client, fenceKey: 'unused-on-a-cluster', replicas: 1, timeoutMs: 50 });
    await expect(wait()).rejects.toBeInstanceOf(DependencyUnavailableError);
    const after = await waitCallsByMaster();
    expect(after.map((calls, index) => calls - before[index]!)).toEqual([1, 1, 1]);
  });
});
