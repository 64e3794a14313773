import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { findFreePort } from './free-port.js';
import { startPrivateRedis } from './redis-server.js';

describe('startPrivateRedis', () => {
  it('starts a redis-server of its own that answers, and stops it', async () => {
    const redis = await startPrivateRedis();
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    expect(await client.ping()).toBe('PONG');
    expect(redis.port).not.toBe(6379);
    client.disconnect();
    await redis.stop();
    const after = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    after.on('error', () => undefined);
    await expect(after.connect()).rejects.toThrow();
    after.disconnect();
  });
});

describe('startPrivateRedis on a port another process took first', () => {
  it('refuses it, rather than hand the test somebody else’s Redis, and leaves that Redis running', async () => {
    const first = await startPrivateRedis();
    try {
      await expect(startPrivateRedis({ port: first.port })).rejects.toThrow(/taken|another redis-server/);
      const client = new Redis(first.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
    } finally {
      await first.stop();
    }
  });
});

describe('startPrivateRedis with an AOF', () => {
  it('loses no acknowledged write to kill -9, and restarts on the same port with the same data', async () => {
    const redis = await startPrivateRedis({ appendonly: true });
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      for (let index = 0; index < 50; index += 1) await client.set(`key-${index}`, String(index));
      client.disconnect();
      await redis.kill();
      const whileDown = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      whileDown.on('error', () => undefined);
      await expect(whileDown.connect()).rejects.toThrow();
      whileDown.disconnect();

      await redis.restart();
      const after = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      after.on('error', () => undefined);
      expect(await after.dbsize()).toBe(50);
      expect(await after.get('key-49')).toBe('49');
      expect(await after.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
      after.disconnect();
    } finally {
      await redis.stop();
    }
  });

  it('listens on the port it is given', async () => {
    const port = await findFreePort();
    const redis = await startPrivateRedis({ port });
    try {
      expect(redis.port).toBe(port);
      expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
    } finally {
      await redis.stop();
    }
  });
});
