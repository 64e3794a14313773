import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendGrid } from './support/fake-sendgrid.js';
import { BUILT_CLI, BUILT_MAIN, runToCompletion, startServerProcess, type ServerProcess } from './support/server-process.js';

describe('the built server process (pnpm start)', () => {
  let redis: PrivateRedis;
  let outboxDir: string;
  let running: ServerProcess | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-process-'));
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    await redis.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('refuses bad configuration, listing every problem at once, with exit code 2', async () => {
    const { code, stderr } = await runToCompletion(BUILT_MAIN, [], {
      PORT: 'eighty',
      REDIS_URL: 'http://127.0.0.1:6379',
      RESET_TOKEN_TTL: '5w',
      LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'perhaps',
    });
    expect(code).toBe(2);
    for (const variable of ['PORT', 'REDIS_URL', 'RESET_TOKEN_TTL', 'LEGACY_HIDE_UNKNOWN_ACCOUNTS']) expect(stderr).toContain(variable);
  });

  it('names a malformed PORT with its value, together with every other problem', async () => {
    const { code, stderr } = await runToCompletion(BUILT_MAIN, [], {
      PORT: 'abc',
      NODE_ENV: 'production',
      MAIL_MAX_ATTEMPTS: '0',
      REDIS_URL: redis.url,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('PORT must be a whole number from 0 to 65535, got "abc"');
    expect(stderr).toContain('MAIL_MAX_ATTEMPTS must be a whole number from 1 to 100, got "0"');
    for (const variable of ['TOKEN_PEPPER', 'SENDGRID_API_KEY', 'PUBLIC_BASE_URL'])
      expect(stderr).toContain(`${variable} is required when NODE_ENV=production`);
  });

  it('ends with one clear line and exit code 1 when its port is in use, not a stack', async () => {
    const squatter = createServer();
    squatter.listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const { port } = squatter.address() as AddressInfo;
    try {
      const { code, stderr } = await runToCompletion(BUILT_MAIN, [], {
        PORT: String(port),
        REDIS_URL: redis.url,
        MAIL_OUTBOX_DIR: outboxDir,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      });
      expect(code).toBe(1);
      expect(stderr).toBe(
        `error: cannot listen on 127.0.0.1:${port}: the port is in use by another process; stop it or set PORT to a free port\n`,
      );
    } finally {
      squatter.close();
    }
  });

  it('refuses to run in production without a pepper, SendGrid and a public URL', async () => {
    const { code, stderr } = await runToCompletion(BUILT_MAIN, [], { NODE_ENV: 'production', REDIS_URL: redis.url });
    expect(code).toBe(2);
    expect(stderr).toContain('TOKEN_PEPPER');
    expect(stderr).toContain('SENDGRID_API_KEY');
    expect(stderr).toContain('PUBLIC_BASE_URL');
  });

  it('answers /healthz and /readyz, and stops cleanly on SIGTERM', async () => {
    running = await startServerProcess({ REDIS_URL: redis.url, MAIL_OUTBOX_DIR: outboxDir, NODE_ENV: 'test' });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', redis: 'ok', mail: 'outbox', directories: { default: 'ok' } });
    const started = Date.now();
    expect(await running.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(running.output()).toContain('stopped');
  });

  it('reports not ready (503) while Redis is down, and stays alive', async () => {
    const ownRedis = await startPrivateRedis();
    running = await startServerProcess({ REDIS_URL: ownRedis.url, MAIL_OUTBOX_DIR: outboxDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    await ownRedis.stop();
    const down = await fetch(`${running.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', redis: 'unreachable' });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('exits with a clear message when Redis cannot be reached at start', async () => {
    const { code, stdout } = await runToCompletion(BUILT_MAIN, [], { REDIS_URL: 'redis://127.0.0.1:1', NODE_ENV: 'test' });
    expect(code).toBe(1);
    expect(stdout).toContain('cannot reach Redis');
  });

  it('in production mails through SendGrid and writes no secret to any log line', async () => {
    const sendgrid = await startFakeSendGrid();
    try {
      const environment = {
        NODE_ENV: 'production',
        REDIS_URL: redis.url,
        TOKEN_PEPPER: 'a-production-pepper-of-at-least-32-characters',
        SENDGRID_API_KEY: 'SG.test-key-that-must-not-be-logged',
        SENDGRID_API_URL: sendgrid.url,
        PUBLIC_BASE_URL: 'https://reset.example.com',
        MAIL_FROM: 'reset@example.com',
        LOG_LEVEL: 'trace',
      };
      const cli = await runToCompletion(
        BUILT_CLI,
        ['users', 'add', '--email', 'prod@example.com', '--password', 'old-password-1'],
        environment,
      );
      expect(cli.code).toBe(0);
      const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', 'Production App', '--json'], environment);
      const { clientId, clientSecret, apiKey } = JSON.parse(added.stdout) as { clientId: string; clientSecret: string; apiKey: string };
      running = await startServerProcess(environment);
      const tokenResponse = await fetch(`${running.url}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
      // A failed authentication too must not log what was presented.
      await fetch(`${running.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientSecret}x` }),
      });
      await fetch(`${running.url}/trpc/passwordReset.request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ email: 'prod@example.com' }),
      });
      const deadline = Date.now() + 10_000;
      while (sendgrid.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const [sent] = sendgrid.received;
      expect(sent?.path).toBe('/v3/mail/send');
      expect(sent?.authorization).toBe('Bearer SG.test-key-that-must-not-be-logged');
      const payload = JSON.stringify(sent?.body);
      const secret = /#token=([A-Za-z0-9_-]{43})/.exec(payload)?.[1];
      expect(secret).toBeDefined();
      expect(payload).toContain('https://reset.example.com/reset#token=');
      expect(sent?.body).toMatchObject({ tracking_settings: { click_tracking: { enable: false } } });

      const completed = await fetch(`${running.url}/trpc/passwordReset.complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: secret, password: 'brand-new-passphrase-42' }),
      });
      expect(completed.status).toBe(200);
      await running.stop();
      const logs = running.output();
      expect(logs).toContain('listening');
      expect(logs).not.toContain(secret!);
      expect(logs).not.toContain('brand-new-passphrase-42');
      expect(logs).not.toContain('SG.test-key-that-must-not-be-logged');
      for (const credential of [clientSecret, apiKey, accessToken]) expect(logs).not.toContain(credential);
    } finally {
      await sendgrid.close();
    }
  });
});
