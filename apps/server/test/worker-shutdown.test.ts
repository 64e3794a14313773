import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logLinesWithMessage } from './support/readyz.js';
import { BUILT_CLI, BUILT_WORKER, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 14, point 4, for the standalone worker (`pnpm worker`, src/worker-main.ts): on SIGTERM it
// closes its /metrics listener, lets the running job finish and exits 0; a job that never finishes
// (SendGrid never answers) ends at SHUTDOWN_DEADLINE, which is logged. The server's own shutdown
// is tested in graceful-shutdown.test.ts.

const DEADLINE_LOG = 'shutdown deadline (SHUTDOWN_DEADLINE) reached: exiting with work unfinished';
const EMAIL = 'worker.shutdown@example.com';

/** SendGrid whose mail/send answers only when the test says so: the job stays running until then. */
async function startHoldingSendGrid() {
  const held: ServerResponse[] = [];
  const arrivals: (() => void)[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.url === '/v3/scopes') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ scopes: ['mail.send'] }));
        return;
      }
      held.push(response);
      arrivals.splice(0).forEach((arrived) => arrived());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves once a mail is being held (at once if one is). */
    mailHeld: () => (held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => arrivals.push(resolve))),
    releaseAll: () => held.splice(0).forEach((response) => response.writeHead(202).end()),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Resolves when a new connection to `url` is refused: the listener is closed. */
async function waitUntilRefused(url: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const refused = await fetch(url).then(
      () => false,
      () => true,
    );
    if (refused) return;
    if (Date.now() > deadline) throw new Error(`${url} still answers`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the standalone worker on SIGTERM', () => {
  let redis: PrivateRedis;
  let sendgrid: Awaited<ReturnType<typeof startHoldingSendGrid>>;
  let server: ServerProcess;
  let worker: ChildProcess | undefined;
  let environment: Record<string, string>;
  let clientCredentials: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sendgrid = await startHoldingSendGrid();
    environment = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'info',
      SENDGRID_API_KEY: 'SG.worker-shutdown-key',
      SENDGRID_API_URL: sendgrid.url,
      // The server only queues; the worker under test sends.
      MAIL_WORKER: 'false',
      RATE_LIMIT_REQUESTS_PER_ADDRESS: '100000/1h',
    };
    expect((await runToCompletion(BUILT_CLI, ['users', 'add', '--email', EMAIL, '--password', 'old-password-7'], environment)).code).toBe(
      0,
    );
    const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', 'Worker Shutdown App', '--json'], environment);
    clientCredentials = JSON.parse(added.stdout) as { clientId: string; clientSecret: string };
    server = await startServerProcess(environment);
  });
  afterEach(() => {
    sendgrid.releaseAll();
    if (worker?.exitCode === null) worker.kill('SIGKILL');
    worker = undefined;
  });
  afterAll(async () => {
    await server?.stop();
    sendgrid?.close();
    await redis?.stop();
  });

  /** Queues one reset mail through the server. */
  async function queueResetMail(): Promise<void> {
    const token = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientCredentials.clientId,
        client_secret: clientCredentials.clientSecret,
      }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const requested = await fetch(`${server.url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email: EMAIL }),
    });
    expect(requested.status).toBe(200);
  }

  /** Starts `pnpm worker`'s entry point; resolves once it logged `worker started`, with its output so far and its /metrics URL. */
  async function startWorkerProcess(deadline: string): Promise<{ child: ChildProcess; output(): string; metricsUrl: string }> {
    const metricsPort = await findFreePort();
    const child = spawn(process.execPath, [BUILT_WORKER], {
      env: {
        PATH: process.env.PATH ?? '',
        ...environment,
        HOST: '127.0.0.1',
        WORKER_METRICS_PORT: String(metricsPort),
        // The worker has no listener to drain; the deadline alone bounds its shutdown.
        SHUTDOWN_DRAIN: '0',
        SHUTDOWN_DEADLINE: deadline,
        REQUEST_TIMEOUT: '1s',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker = child;
    let output = '';
    const started = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (logLinesWithMessage(output, 'worker started').length > 0) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it started:\n${output}`)));
    });
    await started;
    return { child, output: () => output, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
  }

  it('closes its /metrics listener, lets the running job finish, and exits 0', async () => {
    const running = await startWorkerProcess('15s');
    expect((await fetch(running.metricsUrl)).status).toBe(200);
    await queueResetMail();
    await sendgrid.mailHeld();
    const exited = once(running.child, 'exit') as Promise<[number | null]>;
    running.child.kill('SIGTERM');
    // Shutdown has begun (the metrics listener is its first step) and waits for the held job.
    await waitUntilRefused(running.metricsUrl);
    expect(running.child.exitCode).toBeNull();
    sendgrid.releaseAll();
    const [code] = await exited;
    expect(code).toBe(0);
    const output = running.output();
    expect(logLinesWithMessage(output, 'worker stopping: finishing running jobs')).toEqual([
      expect.objectContaining({ signal: 'SIGTERM' }),
    ]);
    expect(logLinesWithMessage(output, 'worker stopped')).toHaveLength(1);
    expect(logLinesWithMessage(output, DEADLINE_LOG)).toHaveLength(0);
  });

  it('cuts a request to WORKER_METRICS_PORT whose headers never end, at REQUEST_TIMEOUT', async () => {
    const running = await startWorkerProcess('15s');
    const { hostname, port } = new URL(running.metricsUrl);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    const startedAt = Date.now();
    socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // Without the bound, Node would wait 60 s for the rest of the headers: the test's own cap ends it.
    const cap = setTimeout(() => socket.destroy(), 15_000);
    await once(socket, 'close');
    clearTimeout(cap);
    // REQUEST_TIMEOUT (1 s) plus Node's check interval (at most 1 s) plus room for a busy machine.
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('exits 1 at SHUTDOWN_DEADLINE, logged once, when SendGrid never answers the running job', async () => {
    const running = await startWorkerProcess('2s');
    await queueResetMail();
    await sendgrid.mailHeld();
    const exited = once(running.child, 'exit') as Promise<[number | null]>;
    const signalledAt = Date.now();
    running.child.kill('SIGTERM');
    const [code] = await exited;
    const elapsed = Date.now() - signalledAt;
    expect(code).toBe(1);
    // Not before the deadline; well before SendGrid's own 10 s timeout would have ended the job.
    expect(elapsed).toBeGreaterThanOrEqual(1950);
    expect(elapsed).toBeLessThan(8000);
    const output = running.output();
    expect(logLinesWithMessage(output, DEADLINE_LOG)).toEqual([expect.objectContaining({ level: 50, deadlineSeconds: 2 })]);
    expect(logLinesWithMessage(output, 'worker stopped')).toHaveLength(0);
  });
});
