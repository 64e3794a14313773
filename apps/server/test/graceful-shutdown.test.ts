import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logLinesWithMessage } from './support/readyz.js';
import { BUILT_CLI, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 14, points 4 and 6: on SIGTERM /readyz turns 503 first, the listener closes only after
// SHUTDOWN_DRAIN, requests in flight finish, and SHUTDOWN_DEADLINE bounds the whole shutdown.

const DRAIN_MS = 2000;
const DEADLINE_LOG = 'shutdown deadline (SHUTDOWN_DEADLINE) reached: exiting with work unfinished';

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: string;
  readonly finishedAt: number;
}

/** What a request ended with: an answer, or the error code of its connection (ECONNRESET…). */
interface LoadResult {
  readonly sentAt: number;
  readonly status?: number;
  readonly error?: string;
}

function collect(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let body = '';
    response.on('data', (chunk: Buffer) => (body += chunk.toString()));
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, body, finishedAt: Date.now() }),
    );
    response.on('error', reject);
  });
}

/** A request through `agent` (node:http, so that keep-alive is ours to choose, unlike fetch's). */
function send(
  url: string,
  path: string,
  options: { agent: Agent | false; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, {
      method: options.body === undefined ? 'GET' : 'POST',
      agent: options.agent,
      headers: options.headers,
    });
    request.on('response', (response) => void collect(response).then(resolve, reject));
    request.on('error', reject);
    request.end(options.body);
  });
}

/**
 * A request whose headers and first half of body are sent now and the rest when told: it is in
 * flight, on a connection of its own, for as long as the test wants.
 */
function startSlowRequest(url: string, path: string, headers: Record<string, string>, body: string) {
  const request = httpRequest(`${url}${path}`, {
    method: 'POST',
    agent: false,
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (response) => void collect(response).then(resolve, reject));
    request.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { answer, finish: () => request.end(body.slice(half)) };
}

/** Resolves when a new connection to `url` is refused: the listener is closed. */
async function untilConnectionsAreRefused(url: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await send(url, '/healthz', { agent: false });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ECONNREFUSED') return Date.now();
      // A probe connecting at the very moment of the close sits in the kernel's backlog and is reset
      // with it: the probe's own race with the close, not a request of the load; look again.
      if (code !== 'ECONNRESET') throw error;
    }
    if (Date.now() > deadline) throw new Error('the listener is still open');
    await sleep(20);
  }
}

describe('a SIGTERM under load', () => {
  let redis: PrivateRedis;
  let outboxDir: string;
  let running: ServerProcess | undefined;
  let environment: Record<string, string>;
  let clientCredentials: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-shutdown-'));
    environment = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      MAIL_OUTBOX_DIR: outboxDir,
      LOG_LEVEL: 'info',
      RATE_LIMIT_REQUESTS_PER_ADDRESS: '100000/1h',
      RATE_LIMIT_REQUESTS_PER_IP: '100000/1h',
      RATE_LIMIT_REQUESTS_PER_CLIENT: '100000/1h',
    };
    const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', 'Shutdown App', '--json'], environment);
    clientCredentials = JSON.parse(added.stdout) as { clientId: string; clientSecret: string };
  });
  afterEach(async () => {
    if (running?.child.exitCode === null) running.child.kill('SIGKILL');
    running = undefined;
  });
  afterAll(async () => {
    await redis.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  async function accessToken(url: string): Promise<string> {
    const answer = await send(url, '/oauth/token', {
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientCredentials.clientId,
        client_secret: clientCredentials.clientSecret,
      }).toString(),
    });
    return (JSON.parse(answer.body) as { access_token: string }).access_token;
  }

  for (const keepAlive of [false, true]) {
    it(`loses no request accepted before /readyz turned 503, and finishes one in flight at the close (keep-alive ${keepAlive ? 'on' : 'off'})`, async () => {
      running = await startServerProcess({ ...environment, SHUTDOWN_DRAIN: `${DRAIN_MS / 1000}s`, SHUTDOWN_DEADLINE: '15s' });
      const { url, child } = running;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${await accessToken(url)}` };
      const agent = new Agent({ keepAlive, maxSockets: 8 });
      const results: LoadResult[] = [];
      let stopSending = false;
      let sequence = 0;
      // A light steady load: four callers, each a reset request at a time, 20 ms apart, as a balancer
      // would keep sending until its probe sees the 503.
      async function caller(): Promise<void> {
        while (!stopSending) {
          const sentAt = Date.now();
          const body = JSON.stringify({ email: `nobody.${sequence++}@example.com` });
          try {
            const answer = await send(url, '/trpc/passwordReset.request', { agent, headers, body });
            results.push({ sentAt, status: answer.status });
          } catch (error) {
            results.push({ sentAt, error: (error as NodeJS.ErrnoException).code ?? String(error) });
          }
          await sleep(20);
        }
      }
      const callers = [caller(), caller(), caller(), caller()];
      await sleep(800);
      const slow = startSlowRequest(url, '/trpc/passwordReset.request', headers, JSON.stringify({ email: 'slow.caller@example.com' }));
      // Awaited below; handled here too, so that a failure earlier in the test is not hidden behind it.
      slow.answer.catch(() => undefined);
      await sleep(100);

      const exited = once(child, 'exit') as Promise<[number | null]>;
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      let turned503At: number | undefined;
      while (turned503At === undefined) {
        const probe = await send(url, '/readyz', { agent: false });
        if (probe.status === 503) {
          turned503At = Date.now();
          expect(JSON.parse(probe.body)).toEqual({ status: 'stopping' });
        } else await sleep(25);
      }
      stopSending = true;
      await Promise.all(callers);
      // During the drain the listener still serves, and tells keep-alive clients to reconnect (elsewhere).
      const duringDrain = await send(url, '/trpc/passwordReset.request', {
        agent,
        headers,
        body: JSON.stringify({ email: 'during.drain@example.com' }),
      });
      expect([duringDrain.status, duringDrain.connection]).toEqual([200, 'close']);

      const refusedAt = await untilConnectionsAreRefused(url, DRAIN_MS + 3000);
      // The listener stayed open for the drain, not a moment less.
      expect(refusedAt - signalledAt).toBeGreaterThanOrEqual(DRAIN_MS - 50);
      // The slow request was accepted before the close and is answered after it.
      slow.finish();
      const slowAnswer = await slow.answer;
      expect(slowAnswer.status).toBe(200);
      expect(slowAnswer.finishedAt).toBeGreaterThan(refusedAt);
      const [code] = await exited;
      agent.destroy();

      const acceptedBefore503 = results.filter((result) => result.sentAt < turned503At);
      expect(acceptedBefore503.length).toBeGreaterThan(20);
      // Every request of the load, before and after the 503, was answered 200: none reset or refused.
      expect(results.filter((result) => result.status !== 200)).toEqual([]);
      expect(code).toBe(0);
      const output = running.output();
      expect(logLinesWithMessage(output, 'stopped')).toHaveLength(1);
      expect(logLinesWithMessage(output, DEADLINE_LOG)).toHaveLength(0);
    });
  }

  it('exits at SHUTDOWN_DEADLINE, logged once, when a request never finishes (SIGINT likewise)', async () => {
    running = await startServerProcess({ ...environment, SHUTDOWN_DRAIN: '1s', SHUTDOWN_DEADLINE: '2s' });
    const { url, child } = running;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${await accessToken(url)}` };
    // Half a body, never the rest: the listener's close waits for it forever.
    const stuck = startSlowRequest(url, '/trpc/passwordReset.request', headers, JSON.stringify({ email: 'stuck@example.com' }));
    stuck.answer.catch(() => undefined);
    await sleep(100);
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const signalledAt = Date.now();
    child.kill('SIGINT');
    const [code] = await exited;
    const elapsed = Date.now() - signalledAt;
    expect(code).toBe(1);
    expect(elapsed).toBeGreaterThanOrEqual(1950);
    expect(elapsed).toBeLessThan(4000);
    const output = running.output();
    expect(logLinesWithMessage(output, DEADLINE_LOG)).toEqual([expect.objectContaining({ level: 50, deadlineSeconds: 2 })]);
    expect(logLinesWithMessage(output, 'stopped')).toHaveLength(0);
  });
});
