import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 13, point 7, against the built server: while Redis is down every call answers 503, and the
// log says so once (a warn line), then once more with the count when Redis is back; no error line,
// no stack, however many requests were refused.

interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

const WARN = 40;
const REFUSED_REQUESTS = 12;

function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function waitFor(what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Two calls that need Redis before anything else: a token grant (client registry) and a procedure with a bearer (access tokens). */
async function callsNeedingRedis(url: string): Promise<number[]> {
  const grant = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: 'not-a-secret' }),
  });
  await grant.arrayBuffer();
  const procedure = await fetch(`${url}/trpc/passwordReset.request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${'A'.repeat(43)}` },
    body: JSON.stringify({ email: 'someone@example.com' }),
  });
  await procedure.arrayBuffer();
  return [grant.status, procedure.status];
}

describe('an expected outage is quiet (the built server)', () => {
  let redis: PrivateRedis;
  let outboxDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-outage-'));
    server = await startServerProcess({
      REDIS_URL: redis.url,
      MAIL_OUTBOX_DIR: outboxDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('logs one warn line when Redis goes away and one with the count when it is back, no error and no stack', async () => {
    // Before: Redis answers, so the same calls are refused for what they are (401s), not 503s.
    expect(await callsNeedingRedis(server.url)).toEqual([401, 401]);
    const before = logLines(server.output()).length;

    await redis.kill();
    const statuses: number[] = [];
    for (let request = 0; request < REFUSED_REQUESTS / 2; request += 1) statuses.push(...(await callsNeedingRedis(server.url)));
    expect(statuses).toEqual(Array<number>(REFUSED_REQUESTS).fill(503));
    // Long enough for the clients' reconnect attempts (every 200 ms to 2 s) to fail several times.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    // Back on the same port, empty (no AOF): the service reconnects on its own.
    await redis.restart();
    // The next call that reaches Redis ends the outage (the client reconnects within about 2 s).
    const deadline = Date.now() + 10_000;
    let after = await callsNeedingRedis(server.url);
    while (after.includes(503) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await callsNeedingRedis(server.url);
    }
    expect(after).toEqual([401, 401]);
    await waitFor('the end-of-outage line', () => logLines(server.output()).some((line) => line.outage === 'ended'));

    const during = logLines(server.output()).slice(before);
    const loud = during.filter((line) => line.level >= WARN);
    const ofRequestPath = loud.filter((line) => line.dependency === 'redis');
    expect(ofRequestPath.map((line) => [line.level, line.outage])).toEqual([
      [WARN, 'started'],
      [WARN, 'ended'],
    ]);
    // Nothing else is loud but the worker's own connection, which reports its outage the same way: at most one line each.
    const others = loud.filter((line) => line.dependency !== 'redis');
    expect(others.every((line) => line.level === WARN && line.dependency === 'redis (worker connection)')).toBe(true);
    expect(others.filter((line) => line.outage === 'started').length).toBeLessThanOrEqual(1);
    expect(others.filter((line) => line.outage === 'ended').length).toBeLessThanOrEqual(1);
    const outageLines = ofRequestPath;
    expect(outageLines[0]?.msg).toBe('redis unavailable: answering 503');
    const ended = outageLines[1];
    // Every refused call is counted; calls retried while the client reconnected add to them.
    expect(ended?.refusedCalls).toBeGreaterThanOrEqual(REFUSED_REQUESTS);
    expect(ended?.msg).toMatch(/^redis available again after \d+ refused calls over \d+(\.\d)? s$/);
    expect(during.filter((line) => line.level > WARN)).toEqual([]);
    // Nothing outside the JSON log either (BullMQ prints an unheard error with its stack on stderr).
    expect(
      server
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('{')),
    ).toEqual([]);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});
