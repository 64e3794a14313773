/**
 * `pnpm bench:aof [--rounds N] [--seconds S] [--connections N] [--json]`:
 * what `appendfsync always` costs against `everysec`, on this machine's disk. Two private
 * redis-servers with an AOF (one of each), a built reset server on each; in every round, raw
 * `SET`s and `passwordReset.request`s against both, in alternating order (so drift in the
 * machine's load falls on both alike). Prints each mode's median over the rounds and the ratio.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findFreePort, startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { BENCH_PEPPER, benchClientAuthorization } from './bench-client-authorization.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { createCleanupStack } from './cleanup-stack.js';
import { measureTarget } from './measure-target.js';

const FSYNC_MODES = ['everysec', 'always'] as const;
type FsyncMode = (typeof FSYNC_MODES)[number];

interface Options {
  readonly rounds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly json: boolean;
}

const cleanups = createCleanupStack();

function parseOptions(args: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...args],
    options: { rounds: { type: 'string' }, seconds: { type: 'string' }, connections: { type: 'string' }, json: { type: 'boolean' } },
  });
  const positive = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, got "${text}"`);
    return value;
  };
  return {
    rounds: positive('rounds', values.rounds ?? '5'),
    seconds: positive('seconds', values.seconds ?? '5'),
    connections: positive('connections', values.connections ?? '10'),
    json: values.json ?? false,
  };
}

/** SETs per second from `connections` clients, each sending its next SET when the last is answered. */
async function measureRawSets(url: string, connections: number, seconds: number): Promise<number> {
  const clients = Array.from({ length: connections }, () => new Redis(url));
  try {
    const end = Date.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      clients.map(async (client, index) => {
        while (Date.now() < end) {
          await client.set(`fsync-bench:${index}:${done}`, 'x'.repeat(64));
          done += 1;
        }
      }),
    );
    return done / seconds;
  } finally {
    for (const client of clients) client.disconnect();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface Target {
  readonly redis: PrivateRedis;
  readonly server: ChildServer;
  readonly authorization: string;
}

async function startTarget(mode: FsyncMode, dir: string): Promise<Target> {
  // Its AOF in a temporary directory of its own, removed by stop().
  const redis = await startPrivateRedis({ flags: ['--appendonly', 'yes', '--appendfsync', mode] });
  cleanups.defer(() => redis.stop());
  const port = await findFreePort();
  const server = await startChildServer({
    name: `reset server (appendfsync ${mode})`,
    script: new URL('../main.js', import.meta.url),
    port,
    env: {
      REDIS_URL: redis.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      PORT: String(port),
      HOST: '127.0.0.1',
      MAIL_OUTBOX_DIR: join(dir, `outbox-${mode}`),
      TOKEN_PEPPER: BENCH_PEPPER,
      // One IP, one client: limits that count every request without refusing any (as `pnpm bench`).
      RATE_LIMIT_REQUESTS_PER_IP: '100000000/1h',
      RATE_LIMIT_REQUESTS_PER_CLIENT: '100000000/1h',
      SHUTDOWN_DRAIN: '0',
    },
  });
  cleanups.defer(() => server.stop());
  return { redis, server, authorization: await benchClientAuthorization(redis.url, server.url) };
}

async function run(options: Options): Promise<void> {
  // Under the system's temporary directory: the figure is that disk's fsync, so say which in the README.
  const dir = await mkdtemp(join(tmpdir(), 'pwreset-fsync-'));
  cleanups.defer(() => rm(dir, { recursive: true, force: true }));
  const targets = { everysec: await startTarget('everysec', dir), always: await startTarget('always', dir) };
  const sets: Record<FsyncMode, number[]> = { everysec: [], always: [] };
  const resets: Record<FsyncMode, number[]> = { everysec: [], always: [] };
  for (let round = 0; round < options.rounds; round += 1) {
    const order: readonly FsyncMode[] = round % 2 === 0 ? FSYNC_MODES : [...FSYNC_MODES].reverse();
    for (const mode of order) sets[mode].push(await measureRawSets(targets[mode].redis.url, options.connections, options.seconds));
    for (const mode of order) {
      const figures = await measureTarget(
        {
          name: `reset (${mode})`,
          url: targets[mode].server.url,
          path: '/trpc/passwordReset.request',
          headers: { authorization: targets[mode].authorization },
        },
        { connections: options.connections, durationSeconds: options.seconds, warmupSeconds: 1 },
      );
      if (figures.non2xx > 0 || figures.errors > 0) throw new Error(`${figures.name}: ${figures.non2xx} non-2xx, ${figures.errors} errors`);
      resets[mode].push(figures.requestsPerSecond);
    }
    process.stderr.write(`round ${round + 1}/${options.rounds} done\n`);
  }
  const summary = (perRound: Record<FsyncMode, number[]>) => ({
    everysecPerSecond: Math.round(median(perRound.everysec)),
    alwaysPerSecond: Math.round(median(perRound.always)),
    alwaysOverEverysec: Number((median(perRound.always) / median(perRound.everysec)).toFixed(2)),
    rounds: perRound,
  });
  const { rounds, seconds, connections } = options;
  const report = { node: process.version, rounds, seconds, connections, rawSet: summary(sets), resetRequest: summary(resets) };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  for (const [name, figures] of [
    ['raw SET', report.rawSet],
    ['passwordReset.request', report.resetRequest],
  ] as const) {
    process.stdout.write(
      `${name}: everysec ${figures.everysecPerSecond}/s, always ${figures.alwaysPerSecond}/s, always/everysec ${figures.alwaysOverEverysec} (medians of ${options.rounds} rounds, ${options.connections} connections)\n`,
    );
  }
}

for (const [signal, exitCode] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => void cleanups.runAll().finally(() => process.exit(exitCode)));
}

try {
  await run(parseOptions(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanups.runAll();
}
