import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../src/mail/outbox.js';
import { BUILT_CLI, runToCompletion, startServerProcess } from './support/server-process.js';

// Issue 16, point 5, through the built server and CLI: what a deployment on TOKEN_PEPPERS=k1:… handed
// out — a Teen Quotes access token (40 characters, no room for a key id), a mailed reset link, a
// client secret — keeps working once it runs on TOKEN_PEPPERS=k2:…,k1:….

const K1 = 'k1:first-key-of-at-least-thirty-two-characters';
const K2 = 'k2:second-key-of-at-least-thirty-two-characters';

describe('a rotation of the built server', () => {
  let redis: PrivateRedis;
  let outboxDir: string;
  const environment = (peppers: string) => ({
    REDIS_URL: redis.url,
    MAIL_OUTBOX_DIR: outboxDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TOKEN_PEPPERS: peppers,
  });
  const cli = async (peppers: string, ...args: string[]) => {
    const run = await runToCompletion(BUILT_CLI, args, environment(peppers));
    expect([args.join(' '), run.code, run.stderr]).toEqual([args.join(' '), 0, '']);
    return run.stdout;
  };
  const teenQuotesToken = async (url: string, clientId: string, clientSecret: string) => {
    const answer = await fetch(`${url}/oauth`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-rotation-'));
  });
  afterAll(async () => {
    await redis?.stop();
    await rm(outboxDir, { recursive: true, force: true });
  });

  it('completes a Teen Quotes reset started under k1 with its k1 token after the rotation, and moves the client to k2', async () => {
    await cli(K1, 'users', 'add', '--email', 'rotated@example.com', '--password', 'old-password-1');
    const added = JSON.parse(await cli(K1, 'clients', 'add', '--name', 'Quotes', '--legacy', 'teenquotes', '--json')) as {
      clientId: string;
      clientSecret: string;
    };

    const before = await startServerProcess(environment(K1));
    let accessToken: string;
    try {
      accessToken = await teenQuotesToken(before.url, added.clientId, added.clientSecret);
      expect(accessToken).toMatch(/^[A-Za-z0-9]{40}$/);
      const remind = await fetch(`${before.url}/v1/password/remind`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: new URLSearchParams({ email: 'rotated@example.com' }),
      });
      expect(remind.status).toBe(200);
      const deadline = Date.now() + 10_000;
      while ((await readOutbox(outboxDir)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await before.stop();
    }
    const [mail] = await readOutbox(outboxDir);
    const resetSecret = /#token=(k1_[A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
    expect(resetSecret).toBeDefined();

    const status = JSON.parse(await cli(`${K2},${K1}`, 'keys', 'status', '--json')) as {
      keys: { keyId: string; records: Record<string, number> }[];
    };
    const k1 = status.keys.find((usage) => usage.keyId === 'k1')?.records;
    expect(k1).toMatchObject({ resetSecrets: 1, accessTokens: 1, clientSecrets: 1, apiKeys: 1 });

    const after = await startServerProcess(environment(`${K2},${K1}`));
    try {
      const reset = await fetch(`${after.url}/v1/password/reset`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: new URLSearchParams({ email: 'rotated@example.com', token: resetSecret!, password: 'a-brand-new-password-7' }),
      });
      expect([reset.status, await reset.json()]).toEqual([200, { status: 'password_reset', success: 'The new password has been set.' }]);
      // The client secret still works, and is re-hashed under k2 by that use.
      expect(await teenQuotesToken(after.url, added.clientId, added.clientSecret)).toMatch(/^[A-Za-z0-9]{40}$/);
    } finally {
      await after.stop();
    }
    const moved = JSON.parse(await cli(`${K2},${K1}`, 'keys', 'status', '--json')) as typeof status;
    expect(moved.keys.find((usage) => usage.keyId === 'k2')?.records).toMatchObject({ clientSecrets: 1, accessTokens: 1 });
    expect(moved.keys.find((usage) => usage.keyId === 'k1')?.records).toMatchObject({ clientSecrets: 0 });
    await cli(`${K2},${K1}`, 'users', 'check-password', '--email', 'rotated@example.com', '--password', 'a-brand-new-password-7');
  }, 60_000);
});
