import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrivateRedis } from '@pwreset/testing';
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
        `Redis: a local redis-server this script started on 127.0.0.1:${port} (keeps nothing on disk; stop it with: redis-cli -p ${port} shutdown nosave)`,
      );
      await started.connect();
      expect(await started.ping()).toBe('PONG');
      const again = await ensureRedis(`redis://127.0.0.1:${port}`, varDir);
      expect(again.inUse).toContain(`an earlier run of scripts/run.sh started on 127.0.0.1:${port}`);
      expect(again.inUse).toContain(`stop it with: redis-cli -p ${port} shutdown nosave`);
    } finally {
      await started.call('shutdown', 'nosave').catch(() => undefined);
      started.disconnect();
    }
  });
});
