import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkRedisDurability } from '../src/redis/redis-durability-check.js';
import { BUILT_MAIN, BUILT_WORKER, startServerProcess, type ServerProcess } from './support/server-process.js';

/** Runs a built entry point until it exits, killing it (and failing) if it is still up after 20 s. */
function runUntilExit(
  script: string,
  environment: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** The pino lines of a process's output, parsed (other lines, such as the dev outbox's, skipped). */
function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const PERSISTENT = ['--appendonly', 'yes', '--appendfsync', 'everysec'];
const PRODUCTION = {
  NODE_ENV: 'production',
  TOKEN_PEPPER: 'a-test-pepper-of-enough-length-0123456789abcdef',
  SENDGRID_API_KEY: 'SG.test-key',
  // Loopback: nothing may leave the machine, and the process must exit before it sends anything.
  SENDGRID_API_URL: 'http://127.0.0.1:9',
  PUBLIC_BASE_URL: 'https://reset.example.test',
};

describe('the Redis durability check at start', () => {
  let dir: string;
  let running: ServerProcess | undefined;
  const redises: PrivateRedis[] = [];
  async function redisWith(...flags: string[]): Promise<PrivateRedis> {
    const started = await startPrivateRedis({ flags });
    redises.push(started);
    return started;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pwreset-durability-'));
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    await Promise.all(redises.map((redis) => redis.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to start in production on an evicting Redis: one line naming the policy and the fix, exit code 2', async () => {
    const redis = await redisWith(...PERSISTENT, '--maxmemory-policy', 'allkeys-lru');
    const { code, stderr } = await runUntilExit(BUILT_MAIN, { ...PRODUCTION, REDIS_URL: redis.url });
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*maxmemory-policy allkeys-lru.*CONFIG SET maxmemory-policy noeviction/);
  });

  it('refuses it in the standalone worker too (pnpm worker)', async () => {
    const redis = await redisWith(...PERSISTENT, '--maxmemory-policy', 'volatile-ttl');
    const { code, stderr } = await runUntilExit(BUILT_WORKER, { ...PRODUCTION, REDIS_URL: redis.url, WORKER_METRICS_PORT: '0' });
    expect(code).toBe(2);
    expect(stderr).toContain('maxmemory-policy volatile-ttl');
    expect(stderr).toContain('CONFIG SET maxmemory-policy noeviction');
  });

  it('starts outside production on an evicting Redis, with a warning naming the policy', async () => {
    const redis = await redisWith(...PERSISTENT, '--maxmemory-policy', 'allkeys-lru');
    running = await startServerProcess({ REDIS_URL: redis.url, MAIL_OUTBOX_DIR: join(dir, 'outbox') });
    const warnings = logLines(running.output()).filter((line) => line.level === 40);
    expect(warnings).toContainEqual(
      expect.objectContaining({ maxmemoryPolicy: 'allkeys-lru', msg: expect.stringContaining('noeviction') }),
    );
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });

  it('warns when Redis keeps nothing on disk (appendonly no, save ""), and not when the AOF is on', async () => {
    const volatile = await redisWith('--appendonly', 'no', '--save', '');
    running = await startServerProcess({ REDIS_URL: volatile.url, MAIL_OUTBOX_DIR: join(dir, 'outbox') });
    const persistenceWarning = (line: Record<string, unknown>) =>
      line.level === 40 && typeof line.msg === 'string' && line.msg.startsWith('Redis keeps nothing on disk');
    expect(logLines(running.output()).filter(persistenceWarning)).toHaveLength(1);
    await running.stop();

    const persistent = await redisWith(...PERSISTENT, '--save', '');
    running = await startServerProcess({ REDIS_URL: persistent.url, MAIL_OUTBOX_DIR: join(dir, 'outbox') });
    const output = running.output();
    expect(output).toContain('"msg":"listening"');
    expect(logLines(output).filter(persistenceWarning)).toHaveLength(0);
  });

  it('starts in production on a Redis whose CONFIG is disabled, saying it could not check', async () => {
    const managed = await redisWith(...PERSISTENT, '--maxmemory-policy', 'allkeys-lru', '--rename-command', 'CONFIG', '');
    running = await startServerProcess({ ...PRODUCTION, REDIS_URL: managed.url });
    const notChecked = logLines(running.output()).filter(
      (line) => typeof line.msg === 'string' && line.msg.startsWith('could not check Redis durability settings'),
    );
    expect(notChecked).toHaveLength(1);
    expect(notChecked[0]?.reason).toMatch(/unknown command/i);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('reports a CONFIG refused by an ACL (NOPERM) as not checkable, and a sound Redis as no finding', async () => {
    const redis = await redisWith(...PERSISTENT);
    const admin = new Redis(redis.url);
    await admin.call('ACL', 'SETUSER', 'app', 'on', '>app-password', '~*', '&*', '+@all', '-config');
    const app = new Redis(redis.url, { username: 'app', password: 'app-password' });
    try {
      const refused = await checkRedisDurability(app);
      expect(refused).toEqual([{ kind: 'not-checkable', reason: expect.stringContaining('NOPERM') }]);
      expect(await checkRedisDurability(admin)).toEqual([]);
    } finally {
      app.disconnect();
      admin.disconnect();
    }
  });
});
