import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './support/prometheus-text.js';
import { BUILT_CLI, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';

// Issue 14, point 5 (first half): a parked mail is one `error` line and, with ALERT_WEBHOOK_URL,
// one signed notice — against the built server, with SendGrid refusing the mail for good (400).

const EMAIL = 'parked.user@example.com';
const ALERT_SECRET = 'alert-signing-secret-of-at-least-32-chars';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** SendGrid refusing every mail with 400 (a permanent failure), and an alert receiver, on one port. */
async function startSink(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      if (request.url === '/v3/mail/send')
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"bad"}]}');
      else response.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('a parked mail, seen without Prometheus', () => {
  let redis: PrivateRedis;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let running: ServerProcess;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sink = await startSink();
  });
  afterAll(async () => {
    await running.stop();
    sink.server.close();
    await redis.stop();
  });

  it('logs one error line with job id, kind, client and reason, and POSTs one signed notice', async () => {
    const environment = {
      NODE_ENV: 'test',
      REDIS_URL: redis.url,
      LOG_LEVEL: 'info',
      SENDGRID_API_KEY: 'SG.parked-test-key',
      SENDGRID_API_URL: sink.url,
      ALERT_WEBHOOK_URL: `${sink.url}/alerts`,
      ALERT_WEBHOOK_SECRET: ALERT_SECRET,
    };
    expect((await runToCompletion(BUILT_CLI, ['users', 'add', '--email', EMAIL, '--password', 'old-password-9'], environment)).code).toBe(
      0,
    );
    const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', 'Parked App', '--json'], environment);
    const { clientId, clientSecret } = JSON.parse(added.stdout) as { clientId: string; clientSecret: string };
    running = await startServerProcess(environment);
    const token = await fetch(`${running.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    const { access_token: accessToken } = (await token.json()) as { access_token: string };
    const requested = await fetch(`${running.url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email: EMAIL }),
    });
    expect(requested.status).toBe(200);

    const deadline = Date.now() + 10_000;
    while (!sink.received.some((request) => request.path === '/alerts') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const alerts = sink.received.filter((request) => request.path === '/alerts');
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    const notice = JSON.parse(alert?.body ?? '{}') as Record<string, unknown>;
    expect(notice).toEqual({
      type: 'pwreset.job_parked',
      jobId: expect.stringMatching(/^job_[0-9a-f]{24}$/),
      kind: 'reset-requested',
      clientId,
      attempts: 1,
      reason: expect.stringContaining('400'),
      parkedAt: expect.any(String),
    });
    const signature = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(alert?.headers['reset-signature']));
    expect(signature).not.toBeNull();
    const expected = createHmac('sha256', ALERT_SECRET).update(`${signature?.[1]}.${alert?.body}`).digest('hex');
    expect(signature?.[2]).toBe(expected);
    expect(alert?.body).not.toContain(EMAIL);

    const metrics = parsePrometheusText(await (await fetch(`${running.url}/metrics`)).text());
    expect(sampleValue(metrics, 'pwreset_mail_deliveries_total', { kind: 'password-reset', outcome: 'parked' })).toBe(1);
    expect(sampleValue(metrics, 'pwreset_queue_jobs', { state: 'failed' })).toBe(1);

    await running.stop();
    const errorLines = running
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['level'] === 50);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatchObject({
      msg: 'job parked',
      jobId: notice['jobId'],
      kind: 'reset-requested',
      client: clientId,
      reason: notice['reason'],
      reqId: requested.headers.get('x-request-id'),
    });
    expect(running.output()).not.toContain(EMAIL);
    expect(running.output()).not.toContain(ALERT_SECRET);
  });
});
