import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from './redis-server.js';
import { startRoundTripProxy, type RoundTripProxy } from './round-trip-proxy.js';

/** A private Redis, the proxy in front of it (with `options`) and a client through it, for one describe block. */
function useProxiedClient(options: Parameters<typeof startRoundTripProxy>[1] = {}) {
  let redis: PrivateRedis;
  let proxy: RoundTripProxy;
  let client: Redis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    const { hostname, port } = new URL(redis.url);
    proxy = await startRoundTripProxy({ host: hostname, port: Number(port) }, options);
    client = new Redis(proxy.url);
    await client.ping();
  });
  afterAll(async () => {
    client.disconnect();
    await proxy.stop();
    await redis.stop();
  });
  return { proxy: () => proxy, client: () => client };
}

describe('the round-trip proxy', () => {
  const through = useProxiedClient();

  it('counts commands awaited one after another as one round trip each', async () => {
    const before = through.proxy().roundTrips();
    await through.client().set('a', '1');
    await through.client().get('a');
    await through.client().get('a');
    expect(through.proxy().roundTrips() - before).toBe(3);
  });

  it('counts a pipeline, and commands issued together, as one', async () => {
    const before = through.proxy().roundTrips();
    await through.client().pipeline().set('b', '1').get('b').incr('c').exec();
    await Promise.all([through.client().get('a'), through.client().get('b')]);
    expect(through.proxy().roundTrips() - before).toBe(2);
  });
});

describe('the round-trip proxy holding replies (replyDelayMs)', () => {
  const through = useProxiedClient({ replyDelayMs: 50 });

  it('counts commands sent a little apart without waiting as one, and keeps replies in order', async () => {
    const before = through.proxy().roundTrips();
    // Sent 10 ms apart, as a loaded client writes commands it issued at once: Redis has answered the
    // first by then, but the client has not seen it, so it has not waited.
    const first = through.client().incr('ordered');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = through.client().incr('ordered');
    expect([await first, await second]).toEqual([1, 2]);
    expect(through.proxy().roundTrips() - before).toBe(1);
    // What depends on a reply is a round trip of its own.
    await through.client().get('ordered');
    expect(through.proxy().roundTrips() - before).toBe(2);
  });
});
