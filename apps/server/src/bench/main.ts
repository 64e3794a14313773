/**
 * `pnpm bench`: the built reset server against a bare express + one-Redis-SET baseline, under
 * the same autocannon load, each on its own private Redis-backed process. Exits 1 if any request
 * failed, so a broken build cannot pass as a fast one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { redisClientRegistry } from '../clients/redis-client-registry.js';
import { redisKeys } from '../redis/redis-keys.js';
import { BENCH_USAGE, BenchUsageError, parseBenchOptions, type BenchOptions } from './bench-options.js';
import { startChildServer } from './child-server.js';
import { createCleanupStack } from './cleanup-stack.js';
import { buildBenchReport, formatBenchReport } from './format-report.js';
import { measureTarget, type TargetFigures } from './measure-target.js';

const cleanups = createCleanupStack();

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n${BENCH_USAGE}\n`);
    return 2;
  }
  try {
    return await runBench(options);
  } catch (error) {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await cleanups.runAll();
  }
}

async function runBench(options: BenchOptions): Promise<number> {
  // Our own redis-server: the bench writes thousands of keys and must never touch a shared one.
  const redis = await startPrivateRedis();
  cleanups.defer(() => redis.stop());
  const outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-bench-'));
  cleanups.defer(() => rm(outboxDir, { recursive: true, force: true }));

  // Children get only these variables, not ours: a SENDGRID_API_KEY in the caller's shell must
  // not turn a benchmark into real mail.
  const commonEnv = { REDIS_URL: redis.url, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  const baselinePort = await findFreePort();
  const baseline = await startChildServer({
    name: 'baseline server',
    script: new URL('./baseline-server.js', import.meta.url),
    port: baselinePort,
    env: { ...commonEnv, PORT: String(baselinePort) },
  });
  cleanups.defer(() => baseline.stop());
  const resetPort = await findFreePort();
  const reset = await startChildServer({
    name: 'reset server',
    script: new URL('../main.js', import.meta.url),
    port: resetPort,
    env: {
      ...commonEnv,
      PORT: String(resetPort),
      HOST: '127.0.0.1',
      MAIL_OUTBOX_DIR: outboxDir,
      TOKEN_PEPPER: BENCH_PEPPER,
      // All load comes from one IP and one client: limits high enough to count every request
      // (the throttles' Redis work is part of the path measured) without refusing any.
      RATE_LIMIT_REQUESTS_PER_IP: '100000000/1h',
      RATE_LIMIT_REQUESTS_PER_CLIENT: '100000000/1h',
      MAIL_WORKER: options.withoutWorker ? 'false' : 'true',
      // No balancer to drain for: stop at once when the run is over.
      SHUTDOWN_DRAIN: '0',
    },
  });
  cleanups.defer(() => reset.stop());
  const authorization = await benchClientAuthorization(redis.url, reset.url);

  // Baseline first: the reset server keeps working through its queued jobs after answering,
  // and that backlog must not eat into the baseline's run.
  const settings = { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds };
  const baselineFigures = await measureTarget({ name: 'baseline', url: baseline.url, path: '/baseline' }, settings);
  const resetFigures = await measureTarget(
    { name: 'reset', url: reset.url, path: '/trpc/passwordReset.request', headers: { authorization } },
    settings,
  );

  // process.execPath runs both children, so this is what `node --version` prints for them.
  const report = buildBenchReport(process.version, settings, baselineFigures, resetFigures);
  process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatBenchReport(report)}\n`);
  return reportFailedRequests([baselineFigures, resetFigures]);
}

const BENCH_PEPPER = 'bench-pepper-not-a-secret-0000000000000';

/** Registers a bench application in the reset server's Redis and gets it a token, as a real one would. */
async function benchClientAuthorization(redisUrl: string, resetUrl: string): Promise<string> {
  const connection = new Redis(redisUrl);
  try {
    const registry = redisClientRegistry({
      redis: connection,
      keys: redisKeys('pwreset'),
      pepper: BENCH_PEPPER,
      defaults: { hostedResetPageUrl: `${resetUrl}/reset`, resetTokenTtlSeconds: 86_400 },
    });
    const added = await registry.add({ name: 'Bench', resetUrls: [], defaultLocale: 'en', minPasswordLength: 8, legacyApis: [] });
    if (!added.ok) throw new Error(`cannot register the bench client: ${added.reason}`);
    const response = await fetch(`${resetUrl}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: added.client.clientId, client_secret: added.clientSecret }),
    });
    const { access_token: accessToken } = (await response.json()) as { access_token?: string };
    if (!accessToken) throw new Error(`no access token for the bench client (status ${response.status})`);
    return `Bearer ${accessToken}`;
  } finally {
    connection.disconnect();
  }
}

/** Figures from failed requests are meaningless (a 4xx is cheap); fail loudly instead. */
function reportFailedRequests(targets: readonly TargetFigures[]): number {
  const failing = targets.filter((figures) => figures.non2xx > 0 || figures.errors > 0);
  for (const figures of failing) {
    process.stderr.write(`FAILED: ${figures.name} had ${figures.non2xx} non-2xx responses and ${figures.errors} connection errors\n`);
  }
  return failing.length > 0 ? 1 : 0;
}

// Ctrl-C or a kill must not leave a redis-server and two node servers behind.
for (const [signal, exitCode] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => void cleanups.runAll().finally(() => process.exit(exitCode)));
}

process.exitCode = await main(process.argv.slice(2));
