import { startPrivateRedis, startPrivateRedisCluster } from '@pwreset/testing';
import { Cluster, Redis } from 'ioredis';
import type { RedisConnection } from '../../src/redis/redis-connection-factory.js';

/**
 * The Redis a process-level suite runs on: one private node, or with PWRESET_TEST_REDIS=cluster
 * (scripts/test.sh's second pass) a private three-master Redis Cluster, so the same suites prove
 * the service on both without a copy of any test.
 */
export interface TestRedis {
  readonly mode: 'single' | 'cluster';
  /** What points the service at it: `REDIS_URL`, or `REDIS_CLUSTER_NODES`. */
  readonly environment: Readonly<Record<string, string>>;
  /** The one node's URL; null on a cluster (the suites that need one node are left out of the cluster pass). */
  readonly url: string | null;
  /** A plain connection of the test's own (it queues while connecting, unlike the service's). */
  connect(): RedisConnection;
  /** Stops every node. */
  stop(): Promise<void>;
}

export function testRedisMode(): 'single' | 'cluster' {
  return process.env.PWRESET_TEST_REDIS === 'cluster' ? 'cluster' : 'single';
}

export async function startTestRedis(): Promise<TestRedis> {
  if (testRedisMode() === 'cluster') {
    const cluster = await startPrivateRedisCluster();
    return {
      mode: 'cluster',
      environment: { REDIS_CLUSTER_NODES: cluster.nodeList },
      url: null,
      connect: () => new Cluster(cluster.nodes.map(({ host, port }) => ({ host, port }))),
      stop: () => cluster.stop(),
    };
  }
  const node = await startPrivateRedis();
  return {
    mode: 'single',
    environment: { REDIS_URL: node.url },
    url: node.url,
    connect: () => new Redis(node.url),
    stop: () => node.stop(),
  };
}
