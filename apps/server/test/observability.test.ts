import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox, type OutboxMail } from '../src/mail/outbox.js';
import { parsePrometheusText, sampleValue, type Sample } from './support/prometheus-text.js';
import { BUILT_CLI, BUILT_MAIN, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 14, points 1 and 2, against the built processes: the access log (one line per request,
// the id echoed, no secret, address or query anywhere in the log) and /metrics after a scripted
// flow through tRPC and the legacy routes, with the exact counts it must show.

const TRPC_USER = { email: 'trpc.user@example.com', password: 'old-password-trpc-1', newPassword: 'a brand-new passphrase 1' };
const ANTEL_USER = { email: 'antel.user@example.com', password: 'old-password-antel-1', newPassword: 'another new passphrase 2' };
const UNKNOWN_ADDRESS = 'nobody-here@example.com';
const QUERY_MARKER = 'query-marker-7c1f';
/** `pnpm worker`'s entry point, beside the server's. */
const BUILT_WORKER = BUILT_MAIN.replace(/main\.js$/, 'worker-main.js');

interface LogLine {
  readonly msg?: string;
  readonly reqId?: string;
  readonly [field: string]: unknown;
}

/** Every JSON line the process wrote (pino); anything else (none expected) is left out. */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parsePrometheusText(await response.text());
}

describe('observability of the built server: access log and /metrics', () => {
  let redis: PrivateRedis;
  let outboxDir: string;
  let environment: Record<string, string>;
  let client: { clientId: string; clientSecret: string; apiKey: string };
  let running: ServerProcess | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-observability-'));
    environment = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      MAIL_OUTBOX_DIR: outboxDir,
      LOG_LEVEL: 'info',
      RATE_LIMIT_REQUESTS_PER_IP: '100000/1h',
      RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '100000/1h',
    };
    for (const user of [TRPC_USER, ANTEL_USER]) {
      const added = await runToCompletion(BUILT_CLI, ['users', 'add', '--email', user.email, '--password', user.password], environment);
      expect(added.code).toBe(0);
    }
    const added = await runToCompletion(
      BUILT_CLI,
      ['clients', 'add', '--name', 'Observed App', '--legacy', 'antel,trafficops', '--json'],
      environment,
    );
    expect(added.code).toBe(0);
    client = JSON.parse(added.stdout) as typeof client;
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    await redis.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  async function mails(): Promise<OutboxMail[]> {
    return readOutbox(outboxDir);
  }

  it('logs one line per request, counts the flow exactly, and logs no secret, address or query', async () => {
    running = await startServerProcess(environment);
    const { url } = running;
    const mailsBefore = (await mails()).length;
    /** Every request made, with the id it was answered with, to find its one access-log line. */
    const made: { route: string; status: number; requestId: string; method: string }[] = [];
    const call = async (route: string, path: string, init: RequestInit = {}) => {
      const response = await fetch(`${url}${path}`, init);
      const requestId = response.headers.get('x-request-id') ?? '';
      expect(requestId).toMatch(/^[A-Za-z0-9_-]{16}$/);
      made.push({ route, status: response.status, requestId, method: init.method ?? 'GET' });
      return { response, requestId, text: await response.text() };
    };
    const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

    const token = await call('/oauth/token', '/oauth/token', {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const accessToken = (JSON.parse(token.text) as { access_token: string }).access_token;
    const bearer = { authorization: `Bearer ${accessToken}` };

    const requested = await call('/trpc/passwordReset.request', '/trpc/passwordReset.request', json({ email: TRPC_USER.email }, bearer));
    expect(requested.response.status).toBe(200);
    const unknown = await call('/trpc/passwordReset.request', '/trpc/passwordReset.request', json({ email: UNKNOWN_ADDRESS }, bearer));
    expect(unknown.text).toBe(requested.text);
    const unauthenticated = await call('/trpc/passwordReset.request', '/trpc/passwordReset.request', json({ email: TRPC_USER.email }));
    expect(unauthenticated.response.status).toBe(401);

    const resetMail = await waitFor('the reset mail', async () =>
      (await mails()).find((mail) => mail.kind === 'password-reset' && mail.to === TRPC_USER.email),
    );
    const secret = /#token=([A-Za-z0-9_-]{43})/.exec(resetMail.text)?.[1] ?? '';
    expect(secret).not.toBe('');
    const tooShort = await call('/trpc/passwordReset.complete', '/trpc/passwordReset.complete', json({ token: secret, password: 'short' }));
    expect(tooShort.response.status).toBe(422);
    const completed = await call(
      '/trpc/passwordReset.complete',
      '/trpc/passwordReset.complete',
      json({ token: secret, password: TRPC_USER.newPassword }),
    );
    expect(completed.response.status).toBe(200);

    const forgot = await call(
      '/user/password/forgot',
      '/user/password/forgot',
      json({ EmailAddress: ANTEL_USER.email, ApiKey: client.apiKey }),
    );
    expect(forgot.response.status).toBe(200);
    const temporaryMail = await waitFor('the temporary-password mail', async () =>
      (await mails()).find((mail) => mail.kind === 'temporary-password' && mail.to === ANTEL_USER.email),
    );
    const temporaryPassword = /^\s*([2-9A-HJ-NP-Z]{10})\s*$/m.exec(temporaryMail.text)?.[1] ?? '';
    expect(temporaryPassword).not.toBe('');
    const antelReset = await call(
      '/user/password/reset',
      '/user/password/reset',
      json({
        TemporaryPassword: temporaryPassword,
        EmailAddress: ANTEL_USER.email,
        Password: ANTEL_USER.newPassword,
        PasswordConfirm: ANTEL_USER.newPassword,
        ApiKey: client.apiKey,
      }),
    );
    expect(antelReset.response.status).toBe(200);
    const trafficOps = await call('/api/{version}/user/reset_password', '/api/5.0/user/reset_password', json({ email: ANTEL_USER.email }));
    expect(trafficOps.response.status).toBe(200);
    const page = await call('/reset', `/reset?probe=${QUERY_MARKER}&email=${encodeURIComponent(TRPC_USER.email)}`);
    expect(page.response.status).toBe(200);
    const scanner = await call('{unmatched}', `/wp-admin/${QUERY_MARKER}`);
    expect(scanner.response.status).toBe(404);
    // Operators' routes: answered, never logged.
    for (const path of ['/healthz', '/readyz']) expect((await fetch(`${url}${path}`)).status).toBe(200);

    // reset + changed (tRPC), temporary password + changed (Antel), reset (Traffic Ops); the unknown address gets none.
    await waitFor('every mail of the flow', async () => ((await mails()).length - mailsBefore === 5 ? true : undefined));
    const metrics = await waitFor('the worker to finish every job', async () => {
      const samples = await scrape(`${url}/metrics`);
      const settled = ['intake', 'waiting', 'active', 'delayed'].every(
        (state) => sampleValue(samples, 'pwreset_queue_jobs', { state }) === 0,
      );
      // A job leaves `active` before the worker's `completed` event counts its mail: wait for the five counts too.
      const sent = samples
        .filter((sample) => sample.name === 'pwreset_mail_deliveries_total' && sample.labels.outcome === 'sent')
        .reduce((total, sample) => total + sample.value, 0);
      return settled && sent === 5 && sampleValue(samples, 'pwreset_unknown_account_requests_total', { client: client.clientId }) === 1
        ? samples
        : undefined;
    });

    const mine = { client: client.clientId };
    expect(sampleValue(metrics, 'pwreset_reset_requests_total', { ...mine, api: 'trpc', outcome: 'accepted' })).toBe(2);
    expect(sampleValue(metrics, 'pwreset_reset_requests_total', { client: 'none', api: 'trpc', outcome: 'refused' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_reset_requests_total', { ...mine, api: 'antel', outcome: 'accepted' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_reset_requests_total', { ...mine, api: 'trafficops', outcome: 'accepted' })).toBe(1);
    expect(metrics.filter((sample) => sample.name === 'pwreset_reset_requests_total')).toHaveLength(4);
    expect(sampleValue(metrics, 'pwreset_reset_completions_total', { ...mine, api: 'trpc', outcome: 'refused' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_reset_completions_total', { ...mine, api: 'trpc', outcome: 'completed' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_reset_completions_total', { ...mine, api: 'antel', outcome: 'completed' })).toBe(1);
    expect(metrics.filter((sample) => sample.name === 'pwreset_reset_completions_total')).toHaveLength(3);
    expect(sampleValue(metrics, 'pwreset_unknown_account_requests_total', mine)).toBe(1);
    expect(sampleValue(metrics, 'pwreset_mail_deliveries_total', { kind: 'password-reset', outcome: 'sent' })).toBe(2);
    expect(sampleValue(metrics, 'pwreset_mail_deliveries_total', { kind: 'temporary-password', outcome: 'sent' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_mail_deliveries_total', { kind: 'password-changed', outcome: 'sent' })).toBe(2);
    expect(sampleValue(metrics, 'pwreset_mail_delivery_duration_seconds_count', { kind: 'password-reset' })).toBe(2);
    expect(sampleValue(metrics, 'pwreset_http_requests_total', { route: '/trpc/passwordReset.request', status: '200' })).toBe(2);
    expect(sampleValue(metrics, 'pwreset_http_requests_total', { route: '/trpc/passwordReset.request', status: '401' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_http_requests_total', { route: '/api/{version}/user/reset_password', status: '200' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_http_requests_total', { route: '{unmatched}', status: '404' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_http_request_duration_seconds_count', { route: '/trpc/passwordReset.complete' })).toBe(2);
    expect(sampleValue(metrics, 'pwreset_redis_command_errors_total')).toBe(0);
    for (const nodeMetric of ['nodejs_eventloop_lag_seconds', 'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes'])
      expect(sampleValue(metrics, nodeMetric), nodeMetric).toBeGreaterThanOrEqual(0);
    // Labels are bounded: no raw path, query, address or secret became a label value.
    const labelValues = metrics.flatMap((sample) => Object.values(sample.labels)).join('\n');
    for (const leak of [QUERY_MARKER, '@', secret, 'wp-admin']) expect(labelValues).not.toContain(leak);

    await running.stop();
    const lines = logLines(running.output());
    const accessLines = lines.filter((line) => line.msg === 'request');
    expect(accessLines).toHaveLength(made.length);
    for (const request of made) {
      const [line, ...others] = accessLines.filter((candidate) => candidate.reqId === request.requestId);
      expect(others, `one line for ${request.route}`).toHaveLength(0);
      expect(line).toMatchObject({ level: 30, method: request.method, route: request.route, status: request.status });
      expect(line?.['durationMs']).toEqual(expect.any(Number));
      expect(line?.['bytes']).toEqual(expect.any(Number));
      expect(Object.keys(line ?? {})).not.toContain('url');
    }
    const lineOf = (requestId: string) => accessLines.find((line) => line.reqId === requestId);
    expect(lineOf(requested.requestId)?.['clientId']).toBe(client.clientId);
    expect(lineOf(completed.requestId)?.['clientId']).toBe(client.clientId);
    expect(lineOf(forgot.requestId)?.['clientId']).toBe(client.clientId);
    expect(lineOf(unauthenticated.requestId)).not.toHaveProperty('clientId');
    expect(lineOf(requested.requestId)?.['bytes']).toBe(Buffer.byteLength(requested.text));
    expect(lineOf(page.requestId)?.['bytes']).toBe(Buffer.byteLength(page.text));
    for (const operatorsRoute of ['/healthz', '/readyz', '/metrics'])
      expect(accessLines.filter((line) => line.route === operatorsRoute)).toHaveLength(0);
    // The jobs a request queued log with its id: the reset mail of `requested`, the changed mail of `completed`.
    const jobLines = lines.filter((line) => line.msg === 'job done');
    expect(jobLines.find((line) => line.job === 'reset-requested' && line.reqId === requested.requestId)).toBeDefined();
    expect(jobLines.find((line) => line.job === 'reset-requested' && line.reqId === unknown.requestId)).toBeDefined();
    expect(jobLines.find((line) => line.job === 'password-changed' && line.reqId === completed.requestId)).toBeDefined();
    expect(jobLines.find((line) => line.job === 'temporary-password-requested' && line.reqId === forgot.requestId)).toBeDefined();

    const log = running.output();
    const secrets = {
      secret,
      temporaryPassword,
      accessToken,
      clientSecret: client.clientSecret,
      apiKey: client.apiKey,
      ...Object.fromEntries(
        [TRPC_USER, ANTEL_USER].flatMap((user, index) => [
          [`password${index}`, user.password],
          [`newPassword${index}`, user.newPassword],
        ]),
      ),
      trpcEmail: TRPC_USER.email,
      antelEmail: ANTEL_USER.email,
      unknownAddress: UNKNOWN_ADDRESS,
      encodedEmail: encodeURIComponent(TRPC_USER.email),
      query: QUERY_MARKER,
    };
    for (const [what, value] of Object.entries(secrets)) expect(log.includes(value), `${what} in the log`).toBe(false);
  });

  it('serves /metrics without a token only to loopback peers that relay for no one', async () => {
    running = await startServerProcess(environment);
    expect((await fetch(`${running.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${running.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(403);
    expect((await fetch(`${running.url}/metrics`, { headers: { forwarded: 'for=203.0.113.7' } })).status).toBe(403);
  });

  it('ignores X-Request-Id from a peer that is not a trusted proxy', async () => {
    running = await startServerProcess(environment);
    const response = await fetch(`${running.url}/trpc/passwordReset.policy`, { headers: { 'x-request-id': 'client-chosen-id' } });
    expect(response.headers.get('x-request-id')).not.toBe('client-chosen-id');
  });

  it('with TRUST_PROXY, takes the proxy’s X-Request-Id and logs it; on METRICS_PORT, /metrics wants METRICS_TOKEN', async () => {
    const metricsPort = await findFreePort();
    const metricsToken = 'metrics-token-for-the-test-0123456789';
    running = await startServerProcess({
      ...environment,
      TRUST_PROXY: 'loopback',
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: metricsToken,
    });
    const proxied = await fetch(`${running.url}/trpc/passwordReset.policy`, { headers: { 'x-request-id': 'edge-4f2a-81' } });
    expect(proxied.headers.get('x-request-id')).toBe('edge-4f2a-81');
    const forged = await fetch(`${running.url}/trpc/passwordReset.policy`, { headers: { 'x-request-id': '{"level":60} injected' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]{16}$/);

    expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
    const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${metricsToken}x` } })).status).toBe(401);
    const samples = await scrape(metricsUrl, { authorization: `Bearer ${metricsToken}`, 'x-forwarded-for': '203.0.113.7' });
    expect(sampleValue(samples, 'pwreset_http_requests_total', { route: '/trpc/passwordReset.policy', status: '200' })).toBe(2);

    await running.stop();
    const lines = logLines(running.output());
    expect(lines.filter((line) => line.msg === 'request' && line.reqId === 'edge-4f2a-81')).toHaveLength(1);
    expect(running.output()).not.toContain(metricsToken);
  });

  it('counts deliveries and unknown accounts in the standalone worker, served on its own WORKER_METRICS_PORT', async () => {
    running = await startServerProcess({ ...environment, MAIL_WORKER: 'false' });
    const workerMetricsPort = await findFreePort();
    const worker = spawn(process.execPath, [BUILT_WORKER], {
      env: { PATH: process.env.PATH ?? '', ...environment, WORKER_METRICS_PORT: String(workerMetricsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let workerOutput = '';
    worker.stdout.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    const workerExited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
    try {
      const workerMetrics = `http://127.0.0.1:${workerMetricsPort}/metrics`;
      await waitFor('the worker to serve /metrics', () =>
        fetch(workerMetrics).then(
          (response) => (response.ok ? true : undefined),
          () => undefined,
        ),
      );
      const token = await fetch(`${running.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
      });
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const ask = (email: string) =>
        fetch(`${running?.url}/trpc/passwordReset.request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ email }),
        });
      const unknown = await ask(UNKNOWN_ADDRESS);
      const known = await ask(TRPC_USER.email);
      expect([unknown.status, known.status]).toEqual([200, 200]);

      const inWorker = await waitFor('the worker to run both jobs', async () => {
        const samples = await scrape(workerMetrics);
        return sampleValue(samples, 'pwreset_unknown_account_requests_total', { client: client.clientId }) === 1 &&
          sampleValue(samples, 'pwreset_mail_deliveries_total', { kind: 'password-reset', outcome: 'sent' }) === 1
          ? samples
          : undefined;
      });
      expect(sampleValue(inWorker, 'pwreset_mail_delivery_duration_seconds_count', { kind: 'password-reset' })).toBe(1);
      expect(inWorker.filter((sample) => sample.name === 'pwreset_reset_requests_total')).toHaveLength(0);
      // The server answered; it neither knows nor shows which address had an account.
      const inServer = await scrape(`${running.url}/metrics`);
      expect(sampleValue(inServer, 'pwreset_reset_requests_total', { client: client.clientId, api: 'trpc', outcome: 'accepted' })).toBe(2);
      expect(inServer.filter((sample) => sample.name === 'pwreset_unknown_account_requests_total')).toHaveLength(0);
      expect(inServer.filter((sample) => sample.name === 'pwreset_mail_deliveries_total')).toHaveLength(0);

      worker.kill('SIGTERM');
      expect(await workerExited).toBe(0);
      const jobLines = logLines(workerOutput).filter((line) => line.msg === 'job done');
      expect(jobLines.map((line) => line.reqId).sort()).toEqual(
        [unknown.headers.get('x-request-id'), known.headers.get('x-request-id')].sort(),
      );
      expect(workerOutput).not.toContain(UNKNOWN_ADDRESS);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
  });
});
