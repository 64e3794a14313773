import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 13, point 8: REQUEST_TIMEOUT bounds how long a client may take to send one request, so
// that a slow sender (slowloris) cannot hold a connection for minutes. Against the built process,
// since the timeouts are set where main.ts listens.

const REQUEST_TIMEOUT_SECONDS = 1;
/** The timeout, plus Node's check interval (at most 1 s), plus room for a busy machine. */
const ANSWERED_WITHIN_MS = REQUEST_TIMEOUT_SECONDS * 1000 + 1000 + 2000;
/** A byte every this many ms: the whole body would take far longer than the timeout. */
const BYTE_INTERVAL_MS = 200;
const BODY = JSON.stringify({ token: 'A'.repeat(43) });

interface SlowSendOutcome {
  /** What the server wrote before the connection ended. */
  readonly received: string;
  /** From the first byte sent to the connection's end. */
  readonly elapsedMs: number;
}

/** Sends `head`, then `drip` one byte at a time, until the server ends the connection (or the test's own cap). */
function sendSlowly(url: string, head: string, drip: string): Promise<SlowSendOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const socket: Socket = connect(Number(port), hostname);
    let received = '';
    let index = 0;
    const timer = setInterval(() => {
      if (index < drip.length && socket.writable) socket.write(drip[index++]!);
    }, BYTE_INTERVAL_MS);
    // Far above the bound: without a timeout the server would wait for the whole drip (or minutes).
    const cap = setTimeout(() => socket.destroy(), ANSWERED_WITHIN_MS * 4);
    const finish = () => {
      clearInterval(timer);
      clearTimeout(cap);
      resolve({ received, elapsedMs: Date.now() - startedAt });
    };
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(head);
  });
}

describe('a request sent slower than REQUEST_TIMEOUT', () => {
  let redis: PrivateRedis;
  let outboxDir: string;
  let server: ServerProcess;
  let metricsUrl: string;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-outbox-'));
    const metricsPort = await findFreePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
    server = await startServerProcess({
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      MAIL_OUTBOX_DIR: outboxDir,
      REQUEST_TIMEOUT: `${REQUEST_TIMEOUT_SECONDS}s`,
      // The /metrics listener of its own (as the worker's WORKER_METRICS_PORT) is bounded as well.
      METRICS_PORT: String(metricsPort),
    });
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('is answered 408 or closed within the bound when its body trickles in byte by byte', async () => {
    const head = [
      'POST /trpc/passwordReset.inspect HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(BODY)}`,
      '',
      '',
    ].join('\r\n');
    // BODY.length × 200 ms ≈ 11 s: the server must not wait for it.
    const { received, elapsedMs } = await sendSlowly(server.url, head, BODY);
    // Cut by the timeout, not refused at once for some other reason.
    expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_SECONDS * 1000 - 100);
    expect(elapsedMs).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('is answered 408 or closed within the bound when its headers trickle in', async () => {
    const head = 'POST /trpc/passwordReset.inspect HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const { received, elapsedMs } = await sendSlowly(server.url, head, 'X-Slow: ' + 'a'.repeat(200));
    // Cut by the timeout, not refused at once for some other reason.
    expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_SECONDS * 1000 - 100);
    expect(elapsedMs).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('is answered 408 or closed within the bound on the METRICS_PORT listener too', async () => {
    const head = 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const { received, elapsedMs } = await sendSlowly(metricsUrl, head, 'X-Slow: ' + 'a'.repeat(200));
    expect(elapsedMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_SECONDS * 1000 - 100);
    expect(elapsedMs).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
    // The listener itself still serves a scrape sent at once.
    expect((await fetch(`${metricsUrl}/metrics`)).status).toBe(200);
  });

  it('still answers a request sent at once', async () => {
    const response = await fetch(`${server.url}/trpc/passwordReset.inspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { data: { resetCode: 'TOKEN_INVALID' } } });
  });

  it('logs no error for the requests it cut', () => {
    expect(server.output()).not.toMatch(/"level":(50|60)/);
  });
});
