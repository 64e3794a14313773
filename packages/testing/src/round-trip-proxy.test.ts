import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './redis-server.js';
import { startRoundTripProxy, type RoundTripProxy } from './round-trip-proxy.js';

describe('the round-trip proxy', () => {
  let redis: PrivateRedis;
  let proxy: RoundTripProxy;
  let client: Redis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    const { hostname, port } = new URL(redis.url);
    proxy = await startRoundTripProxy({ host: hostname, port: Number(port) });
    client = new Redis(proxy.url);
    await client.ping();
  });
  afterAll(async () => {
    client.disconnect();
    await proxy.stop();
    await redis.stop();
  });

  it('counts commands awaited one after another as one round trip each', async () => {
    const before = proxy.roundTrips();
    await client.set('a', '1');
    await client.get('a');
    await client.get('a');
    expect(proxy.roundTrips() - before).toBe(3);
  });

  it('counts a pipeline, and commands issued together, as one', async () => {
    const before = proxy.roundTrips();
    await client.pipeline().set('b', '1').get('b').incr('c').exec();
    await Promise.all([client.get('a'), client.get('b')]);
    expect(proxy.roundTrips() - before).toBe(2);
  });
});

describe('the round-trip proxy holding replies (replyDelayMs)', () => {
  let redis: PrivateRedis;
  let proxy: RoundTripProxy;
  let client: Redis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    const { hostname, port } = new URL(redis.url);
    proxy = await startRoundTripProxy({ host: hostname, port: Number(port) }, { replyDelayMs: 50 });
    client = new Redis(proxy.url);
    await client.ping();
  });
  afterAll(async () => {
    client.disconnect();
    await proxy.stop();
    await redis.stop();
  });

  it('counts commands sent a little apart without waiting as one, and keeps replies in order', async () => {
    const before = proxy.roundTrips();
    // Sent 10 ms apart, as a loaded client writes commands it issued at once: Redis has answered the
    // first by then, but the client has not seen it, so it has not waited.
    const first = client.incr('ordered');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = client.incr('ordered');
    expect([await first, await second]).toEqual([1, 2]);
    expect(proxy.roundTrips() - before).toBe(1);
    // What depends on a reply is a round trip of its own.
    await client.get('ordered');
    expect(proxy.roundTrips() - before).toBe(2);
  });
});
