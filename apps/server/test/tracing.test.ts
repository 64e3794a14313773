import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { findFreePort, startPrivateRedis, waitUntilHealthy, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendGrid } from './support/fake-sendgrid.js';
import { BUILT_CLI, BUILT_MAIN, runToCompletion } from './support/server-process.js';

// Issue 14, point 3: the built server, with the tracing of `node --import` (spans recorded to a
// file instead of OTLP), through a reset: request → job → SendGrid → complete.

/** Records the spans of the process it is imported into (see the file). */
const FILE_TRACING = new URL('./support/record-spans-preload.mjs', import.meta.url);

/** One span as record-spans-preload.mjs writes it. */
interface RecordedSpan {
  readonly name: string;
  readonly kind: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: number;
}
/** What `pnpm start` and `pnpm worker` pass to `node --import`. */
const REGISTER_TRACING = new URL('../dist/observability/tracing/register-tracing.js', import.meta.url).href;
const EMAIL = 'traced.user@example.com';
const NEW_PASSWORD = 'a quiet harbour at dawn 3';
const QUERY_MARKER = 'trace-query-marker-51';
/** In the webhook URL's path, where receivers such as Slack's put their secret: never in a span. */
const WEBHOOK_PATH_SECRET = 'webhook-path-secret-83';

/** A client's webhook receiver: counts the events it is sent, and takes each one. */
async function startWebhookReceiver(): Promise<{ url: string; received(): number; close(): void }> {
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await new Promise((resolve) => receiver.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${WEBHOOK_PATH_SECRET}?${QUERY_MARKER}=2`,
    received: () => received,
    close: () => receiver.close(),
  };
}

describe('tracing of the built server', () => {
  let redis: PrivateRedis;
  let workDir: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    workDir = await mkdtemp(join(tmpdir(), 'pwreset-tracing-'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await redis.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  it('records HTTP, tRPC, Redis, queue, SendGrid and webhook spans in one trace, with no secret, address or query', async () => {
    const sendgrid = await startFakeSendGrid();
    const webhook = await startWebhookReceiver();
    const traceFile = join(workDir, 'spans.jsonl');
    const environment = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
      SENDGRID_API_KEY: 'SG.tracing-test-key',
      SENDGRID_API_URL: sendgrid.url,
      // No balancer to drain for: stop at once.
      SHUTDOWN_DRAIN: '0',
    };
    try {
      expect((await runToCompletion(BUILT_CLI, ['users', 'add', '--email', EMAIL, '--password', 'old-password-7'], environment)).code).toBe(
        0,
      );
      const added = await runToCompletion(
        BUILT_CLI,
        ['clients', 'add', '--name', 'Traced App', '--webhook-url', webhook.url, '--json'],
        environment,
      );
      const { clientId, clientSecret } = JSON.parse(added.stdout) as { clientId: string; clientSecret: string };
      const port = await findFreePort();
      const url = `http://127.0.0.1:${port}`;
      const recorder = new URL(FILE_TRACING);
      recorder.searchParams.set('file', traceFile);
      const server = spawn(process.execPath, ['--import', recorder.href, BUILT_MAIN], {
        env: { PATH: process.env.PATH ?? '', ...environment, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = server;
      let output = '';
      server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await waitUntilHealthy(server, `${url}/healthz`);

      const token = await fetch(`${url}/oauth/token?${QUERY_MARKER}=1`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const requested = await fetch(`${url}/trpc/passwordReset.request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ email: EMAIL }),
      });
      expect(requested.status).toBe(200);
      const deadline = Date.now() + 10_000;
      while (sendgrid.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const secret = /#token=([A-Za-z0-9_-]{43})/.exec(JSON.stringify(sendgrid.received[0]?.body))?.[1] ?? '';
      expect(secret).not.toBe('');
      const completed = await fetch(`${url}/trpc/passwordReset.complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: secret, password: NEW_PASSWORD }),
      });
      expect(completed.status).toBe(200);
      const webhookDeadline = Date.now() + 10_000;
      while (webhook.received() === 0 && Date.now() < webhookDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(webhook.received()).toBe(1);
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;

      const text = await readFile(traceFile, 'utf8');
      const spans = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as RecordedSpan);
      const requestSpan = spans.find((span) => span.kind === SpanKind.SERVER && span.name === 'POST /trpc/passwordReset.request');
      expect(requestSpan, `server span among ${spans.map((span) => span.name).join(', ')}`).toBeDefined();
      expect(requestSpan?.attributes['http.route']).toBe('/trpc/passwordReset.request');
      const inRequestTrace = spans.filter((span) => span.traceId === requestSpan?.traceId);
      const procedure = inRequestTrace.find((span) => span.name === 'trpc passwordReset.request');
      expect(procedure?.parentSpanId).toBe(requestSpan?.spanId);
      expect(inRequestTrace.filter((span) => span.name.startsWith('redis ') && span.kind === SpanKind.CLIENT).length).toBeGreaterThan(0);
      // The job runs in the request's trace (BullMQ carries the context in the job) and calls SendGrid there.
      const jobSpans = inRequestTrace.filter((span) => span.kind === SpanKind.CONSUMER);
      expect(jobSpans.length, `consumer spans in ${inRequestTrace.map((span) => span.name).join(', ')}`).toBeGreaterThan(0);
      const sendgridCall = inRequestTrace.find(
        (span) =>
          span.kind === SpanKind.CLIENT && String(span.attributes['http.url'] ?? span.attributes['url.full']).includes('/v3/mail/send'),
      );
      expect(sendgridCall).toBeDefined();
      // The webhook job runs in the trace of the completion that queued it, and its POST (a fetch,
      // which the HTTP instrumentation does not see) is a client span under the job's span.
      const completeSpan = spans.find((span) => span.kind === SpanKind.SERVER && span.name === 'POST /trpc/passwordReset.complete');
      expect(completeSpan).toBeDefined();
      const webhookCall = spans.find((span) => span.kind === SpanKind.CLIENT && span.name === 'POST webhook');
      expect(webhookCall, `webhook span among ${spans.map((span) => span.name).join(', ')}`).toBeDefined();
      expect(webhookCall?.traceId).toBe(completeSpan?.traceId);
      const webhookJob = spans.find((span) => span.spanId === webhookCall?.parentSpanId);
      expect(webhookJob?.kind).toBe(SpanKind.CONSUMER);
      expect(webhookCall?.attributes).toEqual({
        'http.request.method': 'POST',
        'pwreset.call.target': 'webhook',
        'pwreset.client_id': clientId,
        'http.response.status_code': 204,
      });
      expect(spans.filter((span) => JSON.stringify(span).includes('/healthz'))).toHaveLength(0);

      for (const [what, value] of Object.entries({
        EMAIL,
        secret,
        NEW_PASSWORD,
        accessToken,
        clientSecret,
        QUERY_MARKER,
        WEBHOOK_PATH_SECRET,
        key: 'SG.tracing-test-key',
      }))
        expect(text.includes(value), `${what} in a span`).toBe(false);
      expect(output).not.toContain('Error');
    } finally {
      await sendgrid.close();
      webhook.close();
    }
  });

  /** Starts the built server as `pnpm start` does, with `node --import` of the tracing registration. */
  async function startWithTracingRegistered(environment: Record<string, string>): Promise<{ url: string; stop(): Promise<unknown> }> {
    const port = await findFreePort();
    const server = spawn(process.execPath, ['--import', REGISTER_TRACING, BUILT_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        SHUTDOWN_DRAIN: '0',
        ...environment,
        PORT: String(port),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child = server;
    const url = `http://127.0.0.1:${port}`;
    await waitUntilHealthy(server, `${url}/healthz`);
    return {
      url,
      stop: () => {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        return exited;
      },
    };
  }

  it('exports over OTLP http/protobuf to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const received: { path: string; contentType: string | undefined; bytes: number }[] = [];
    const collector = createServer((request, response) => {
      let bytes = 0;
      request.on('data', (chunk: Buffer) => (bytes += chunk.length));
      request.on('end', () => {
        received.push({ path: request.url ?? '', contentType: request.headers['content-type'], bytes });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    collector.listen(0, '127.0.0.1');
    await new Promise((resolve) => collector.once('listening', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
      const server = await startWithTracingRegistered({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
      expect((await fetch(`${server.url}/trpc/passwordReset.policy`)).status).toBe(200);
      await server.stop();
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]).toMatchObject({ path: '/v1/traces', contentType: 'application/x-protobuf' });
      expect(received[0]?.bytes).toBeGreaterThan(0);
    } finally {
      collector.close();
    }
  });

  it('without OTEL_EXPORTER_OTLP_ENDPOINT, the registration lets the server run and stop as without it', async () => {
    const server = await startWithTracingRegistered({});
    const answer = await fetch(`${server.url}/trpc/passwordReset.policy`);
    expect(answer.status).toBe(200);
    expect(await server.stop()).toBe(0);
  });
});
