import { randomBytes } from 'node:crypto';
import { startPrivateRedis, startRoundTripProxy, type PrivateRedis, type RoundTripProxy } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDelta, perOperation, readCommandStats } from '../src/bench/command-stats.js';
import { runCli, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 15, point 1: a reset request costs at most 2 Redis round trips and 15 commands (INFO
// commandstats, a script's own commands included), for a known, an unknown and a throttled address
// alike. Round trips are counted on the wire, by a proxy between the built server and Redis.
const MAX_ROUND_TRIPS = 2;
const MAX_COMMANDS = 15;

describe('passwordReset.request on the built server', () => {
  let redis: PrivateRedis;
  let proxy: RoundTripProxy;
  let observer: Redis;
  let server: ServerProcess;
  let accessToken: string;
  const known = `known-${randomBytes(4).toString('hex')}@example.com`;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const { hostname, port } = new URL(redis.url);
    proxy = await startRoundTripProxy({ host: hostname, port: Number(port) });
    observer = new Redis(redis.url);
    const direct = { NODE_ENV: 'test', REDIS_URL: redis.url, LOG_LEVEL: 'silent', TOKEN_PEPPER: 'p'.repeat(32) };
    const run = (args: string[]) => runCli(direct, args);
    await run(['users', 'add', '--email', known, '--password', 'a-password-of-12', '--json']);
    const { clientId, clientSecret } = JSON.parse(await run(['clients', 'add', '--name', 'Budget App', '--json'])) as Record<
      string,
      string
    >;
    // No worker and no mover in the server: Redis sees the request path alone.
    server = await startServerProcess({ ...direct, REDIS_URL: proxy.url, MAIL_WORKER: 'false', RATE_LIMIT_REQUESTS_PER_ADDRESS: '1/1h' });
    const token = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId!, client_secret: clientSecret! }),
    });
    accessToken = ((await token.json()) as { access_token: string }).access_token;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    observer?.disconnect();
    await proxy?.stop();
    await redis?.stop();
  });

  async function costOf(email: string): Promise<{ roundTrips: number; commands: number; byCommand: Record<string, number> }> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [tripsBefore, statsBefore] = [proxy.roundTrips(), await readCommandStats(observer)];
    const response = await fetch(`${server.url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email }),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { total, byCommand } = perOperation(commandDelta(statsBefore, await readCommandStats(observer)), 1);
    return { roundTrips: proxy.roundTrips() - tripsBefore, commands: total, byCommand };
  }

  it('costs at most 2 round trips and 15 commands, the same for a known, an unknown and a throttled address', async () => {
    // Warm: the client is read once and kept, as it is for every request after a process's first.
    for (let index = 0; index < 3; index += 1) await costOf(`warm-${index}@example.com`);
    const costs = {
      known: await costOf(known),
      unknown: await costOf(`unknown-${randomBytes(4).toString('hex')}@example.com`),
      // The limit is one a hour per address: the second request for it is throttled.
      throttled: await costOf(known),
    };
    console.log(`request cost on the wire and in Redis: ${JSON.stringify(costs)}`);
    for (const cost of Object.values(costs)) {
      expect(cost.roundTrips).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
      expect(cost.commands).toBeLessThanOrEqual(MAX_COMMANDS);
    }
    expect(costs.unknown).toEqual(costs.known);
    expect(costs.throttled.roundTrips).toBe(costs.known.roundTrips);
    expect(costs.throttled.commands).toBe(costs.known.commands);
    const throttledEntries = await observer.xrange('pwreset:audit:{stream}', '-', '+');
    expect(throttledEntries.at(-1)?.[1]).toContain('throttled');
  });
});
