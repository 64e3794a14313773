import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrivateRedis } from '@pwreset/testing';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ENSURE_REDIS = fileURLToPath(new URL('../../../scripts/lib/ensure-redis.sh', import.meta.url));

/** Runs run.sh's ensure_redis with var/ in a scratch directory; answers what it says it uses. */
function ensureRedis(redisUrl: string, varDir: string): Promise<{ code: number | null; inUse: string; log: string }> {
  const script = `source "$1"; PWRESET_VAR="$2"; ensure_redis; printf '%s' "$PWRESET_REDIS_IN_USE"`;
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script, 'ensure-redis', ENSURE_REDIS, varDir], {
    // REDIS_SERVER_BIN as test.sh exports it, so the script starts the same binary the tests use.
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL: redisUrl,
      ...(process.env.REDIS_SERVER_BIN ? { REDIS_SERVER_BIN: process.env.REDIS_SERVER_BIN } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let inUse = '';
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (inUse += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, inUse, log })));
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('scripts/run.sh: which Redis it uses', () => {
  let varDir: string;
  beforeAll(async () => {
    varDir = await mkdtemp(join(tmpdir(), 'pwreset-run-var-'));
  });
  afterAll(async () => {
    await rm(varDir, { recursive: true, force: true });
  });

  it('names a Redis it found at REDIS_URL, hides its password, and offers no command to stop it', async () => {
    const found = await startPrivateRedis();
    try {
      const url = new URL(found.url);
      const { code, inUse, log } = await ensureRedis(`redis://user:hunter2@${url.host}`, varDir);
      expect(code).toBe(0);
      expect(inUse).toBe(
        `Redis: the one already answering at REDIS_URL (redis://***@${url.host}); this script did not start it and will not stop it`,
      );
      expect(log).toContain(inUse);
      expect(log + inUse).not.toContain('hunter2');
      expect(log + inUse).not.toContain('shutdown');
    } finally {
      await found.stop();
    }
  });

  it('says how to stop the Redis it started itself, and recognises it on the next run', async () => {
    const port = await freePort();
    const first = await ensureRedis(`redis://127.0.0.1:${port}`, varDir);
    const started = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    started.on('error', () => undefined);
    try {
      expect(first.code).toBe(0);
      expect(first.inUse).toBe(
        `Redis: a local redis-server this script started on 127.0.0.1:${port} (keeps an append-only file in ${varDir}/redis; stop it with: redis-cli -p ${port} shutdown)`,
      );
      await started.connect();
      expect(await started.ping()).toBe('PONG');
      const again = await ensureRedis(`redis://127.0.0.1:${port}`, varDir);
      expect(again.inUse).toContain(`an earlier run of scripts/run.sh started on 127.0.0.1:${port}`);
      expect(again.inUse).toContain(`keeps an append-only file in ${varDir}/redis; stop it with: redis-cli -p ${port} shutdown)`);
    } finally {
      await started.call('shutdown', 'nosave').catch(() => undefined);
      started.disconnect();
    }
  });

  it('keeps an append-only file under var/redis, so a client registered survives a Redis restart', async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}`;
    expect((await ensureRedis(redisUrl, varDir)).code).toBe(0);
    const started = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    started.on('error', () => undefined);
    const environment = { REDIS_URL: redisUrl, NODE_ENV: 'test', MAIL_OUTBOX_DIR: join(varDir, 'outbox') };
    try {
      await started.connect();
      const settings = await Promise.all(['appendonly', 'appendfsync', 'dir'].map((name) => started.config('GET', name)));
      expect(settings).toEqual([
        ['appendonly', 'yes'],
        ['appendfsync', 'everysec'],
        ['dir', join(varDir, 'redis')],
      ]);
      const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', 'Survivor', '--json'], environment);
      expect(added.code).toBe(0);
      const { clientId } = JSON.parse(added.stdout) as { clientId: string };

      // The stop command run.sh prints; then run.sh's next run starts it again from its files.
      const pid = Number((await readFile(join(varDir, `redis-${port}.pid`), 'utf8')).trim());
      await started.call('shutdown').catch(() => undefined);
      await waitUntilGone(pid);
      const restarted = await ensureRedis(redisUrl, varDir);
      expect(restarted.code).toBe(0);
      expect(restarted.inUse).toContain('a local redis-server this script started');

      const shown = await runToCompletion(BUILT_CLI, ['clients', 'show', clientId, '--json'], environment);
      expect(shown.code).toBe(0);
      expect(JSON.parse(shown.stdout)).toMatchObject({ clientId, name: 'Survivor' });
    } finally {
      started.disconnect();
      const again = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      again.on('error', () => undefined);
      await again
        .connect()
        .then(() => again.call('shutdown', 'nosave'))
        .catch(() => undefined);
      again.disconnect();
    }
  });
});

/** Resolves once no process has this pid (the Redis that was told to shut down has exited). */
async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`redis-server ${pid} still runs 10 s after SHUTDOWN`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
