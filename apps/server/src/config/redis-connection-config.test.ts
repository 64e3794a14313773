import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

function problemsOf(environment: Record<string, string>): string[] {
  const result = loadConfig(environment);
  return result.ok ? [] : result.problems;
}

describe('the Redis connection mode', () => {
  it('is one node at REDIS_URL by default', () => {
    const result = loadConfig({ REDIS_URL: 'rediss://user:pw@redis.internal:6380/2' });
    expect(result.ok && result.config.redis).toEqual({ mode: 'single', url: 'rediss://user:pw@redis.internal:6380/2' });
  });

  it('is a Redis Cluster with REDIS_CLUSTER_NODES, with its credentials and TLS', () => {
    const result = loadConfig({
      REDIS_CLUSTER_NODES: ' 10.0.0.1:7000, redis-b.internal:7001,[::1]:7002 ',
      REDIS_USERNAME: 'pwreset',
      REDIS_PASSWORD: 'cluster-password',
      REDIS_TLS: 'true',
    });
    expect(result.ok && result.config.redis).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b.internal', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      username: 'pwreset',
      password: 'cluster-password',
      tls: true,
    });
  });

  it('is Sentinel with REDIS_SENTINELS and REDIS_SENTINEL_NAME, without TLS unless asked', () => {
    const result = loadConfig({ REDIS_SENTINELS: '127.0.0.1:26379,127.0.0.1:26380', REDIS_SENTINEL_NAME: 'pwreset-master' });
    expect(result.ok && result.config.redis).toEqual({
      mode: 'sentinel',
      sentinels: [
        { host: '127.0.0.1', port: 26379 },
        { host: '127.0.0.1', port: 26380 },
      ],
      masterName: 'pwreset-master',
      tls: false,
    });
  });

  it('refuses two modes at once, naming both', () => {
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toEqual([
      'set only one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS (got REDIS_URL and REDIS_CLUSTER_NODES)',
    ]);
    expect(
      problemsOf({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_SENTINELS: '127.0.0.1:26379', REDIS_SENTINEL_NAME: 'm' }).join('\n'),
    ).toContain('got REDIS_CLUSTER_NODES and REDIS_SENTINELS');
  });

  it('wants REDIS_SENTINEL_NAME with REDIS_SENTINELS, and no name without Sentinels', () => {
    expect(problemsOf({ REDIS_SENTINELS: '127.0.0.1:26379' })).toEqual([
      'REDIS_SENTINEL_NAME is required with REDIS_SENTINELS (the name of the master the Sentinels watch)',
    ]);
    expect(problemsOf({ REDIS_SENTINEL_NAME: 'pwreset-master' })).toEqual(['REDIS_SENTINEL_NAME needs REDIS_SENTINELS']);
  });

  it('refuses a node list entry without a port, or with a URL, naming the entry', () => {
    expect(problemsOf({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis-b' })).toEqual([
      'REDIS_CLUSTER_NODES must list host:port entries separated by commas, got "redis-b"',
    ]);
    expect(problemsOf({ REDIS_SENTINELS: 'redis://127.0.0.1:26379', REDIS_SENTINEL_NAME: 'm' })[0]).toContain(
      'REDIS_SENTINELS must list host:port',
    );
    expect(problemsOf({ REDIS_CLUSTER_NODES: '127.0.0.1:70000' })[0]).toContain('"127.0.0.1:70000"');
    expect(problemsOf({ REDIS_CLUSTER_NODES: ' , ' })).toEqual(['REDIS_CLUSTER_NODES must list at least one host:port']);
  });

  it('never shows REDIS_PASSWORD in a problem', () => {
    const problems = problemsOf({ REDIS_CLUSTER_NODES: 'bad', REDIS_PASSWORD: 'the-secret-password', REDIS_TLS: 'maybe' });
    expect(problems.length).toBe(2);
    expect(problems.join('\n')).not.toContain('the-secret-password');
  });
});
