import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startPrivateRedisCluster } from './redis-cluster.js';

describe('startPrivateRedisCluster', () => {
  it('starts three masters covering every slot, and stops them', async () => {
    const cluster = await startPrivateRedisCluster();
    const client = new Cluster(cluster.nodes.map(({ host, port }) => ({ host, port })));
    try {
      // Keys of three different slots land on their own masters; the client follows the slots.
      await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => client.set(key, key)));
      expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => client.get(key)))).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(client.nodes('master')).toHaveLength(3);
      expect(cluster.nodeList.split(',')).toHaveLength(3);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
    const after = new Cluster(
      cluster.nodes.map(({ host, port }) => ({ host, port })),
      { clusterRetryStrategy: () => null, lazyConnect: true },
    );
    after.on('error', () => undefined);
    await expect(after.connect()).rejects.toThrow();
    after.disconnect();
  });
});
