import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';

describe('the operator CLI (pnpm cli)', () => {
  let redis: PrivateRedis;
  let environment: Record<string, string>;
  const cli = (...args: string[]) => runToCompletion(BUILT_CLI, args, environment);

  beforeAll(async () => {
    redis = await startPrivateRedis();
    environment = { REDIS_URL: redis.url, MAIL_OUTBOX_DIR: await mkdtemp(join(tmpdir(), 'pwreset-cli-')), NODE_ENV: 'test' };
  });
  afterAll(async () => {
    await redis.stop();
    await rm(environment.MAIL_OUTBOX_DIR!, { recursive: true, force: true });
  });

  it('adds a user and prints its id as JSON', async () => {
    const { code, stdout } = await cli('users', 'add', '--email', 'Ann@Example.com', '--password', 'ann-password-1', '--name', 'Ann', '--locale', 'nl', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ userId: expect.stringMatching(/^usr_[0-9a-f]{32}$/) });
  });

  it('refuses a second user with the same address, whatever its case', async () => {
    const { code, stderr } = await cli('users', 'add', '--email', 'ann@EXAMPLE.com', '--password', 'other-password-1');
    expect(code).toBe(1);
    expect(stderr).toContain('already exists');
  });

  it('check-password exits 0 on a match and 1 otherwise', async () => {
    expect((await cli('users', 'check-password', '--email', 'ann@example.com', '--password', 'ann-password-1')).code).toBe(0);
    expect((await cli('users', 'check-password', '--email', 'ann@example.com', '--password', 'wrong-password')).code).toBe(1);
    expect((await cli('users', 'check-password', '--email', 'nobody@example.com', '--password', 'ann-password-1')).code).toBe(1);
  });

  it('reports usage errors with exit code 2 and every problem', async () => {
    const missing = await cli('users', 'add', '--email', 'not-an-address');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email');
    expect(missing.stderr).toContain('--password');
    expect((await cli('users', 'frobnicate')).code).toBe(2);
  });

  it('seeds the demo once, and says how to try a reset', async () => {
    const first = await cli('demo', 'seed');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('passwordReset.request');
    expect(first.stdout).toContain('demo@example.com');
    const again = await cli('demo', 'seed', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ email: 'demo@example.com', created: false });
  });

  it('says clearly when Redis cannot be reached', async () => {
    const { code, stderr } = await runToCompletion(BUILT_CLI, ['users', 'check-password', '--email', 'a@example.com', '--password', 'x'], {
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot reach Redis');
  });
});
