import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis } from '@pwreset/testing';
import { DEFAULT_MAIL_WORKER_CONCURRENCY } from '../config/config-schema.js';
import { Redis } from 'ioredis';
import {
  addressCalls,
  completeCall,
  expressBaselineCall,
  inspectCall,
  LEGACY_ROUTES,
  send,
  trpcBaselineCall,
  type LegacyApiName,
} from './bench-calls.js';
import { BENCH_PEPPER } from './bench-client-authorization.js';
import { createBenchWorld } from './bench-world.js';
import { startChildServer } from './child-server.js';
import type { CleanupStack } from './cleanup-stack.js';
import { countCommands } from './command-stats.js';
import { argon2Side, completionSide } from './completion-sides.js';
import { withEventLoopP99 } from './event-loop-delay.js';
import { EVENT_LOOP_P99_LIMIT_MS, figuresReportSchema, type FiguresReport } from './figures-report.js';
import { compareInterleaved, httpSide, type RoundSide } from './interleaved-rounds.js';
import { countMailPipelineCommands } from './mail-pipeline-counts.js';
import { measureMailThroughput } from './mail-throughput.js';
import { moveIntakeOnce } from './move-intake-once.js';
import { measureJobMemory, measureSecretMemory } from './memory-figures.js';
import { measurePeerFigures } from './peer-figures.js';
import { measureSustainableRate, SUSTAINABLE_RATIO_TARGET } from './sustainable-rate.js';
import type { BenchOptions } from './bench-options.js';

/** The bench options the figures read (bench-options.ts says what each one means). */
export type FiguresSettings = Pick<
  BenchOptions,
  'connections' | 'durationSeconds' | 'warmupSeconds' | 'rounds' | 'operations' | 'memorySample' | 'mails' | 'peer'
>;

/** Issue 15 point 3: one worker process delivers at least this many mails a second. */
const MAILS_PER_SECOND_TARGET = 1_500;

/** Issue 15 point 4: completions are measured 50 at once. */
const COMPLETION_CONCURRENCY = 50;

/** Sends `count` calls, `concurrency` at a time. */
async function sendMany(count: number, concurrency: number, call: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next;
        next += 1;
        await call(n);
      }
    }),
  );
}

/**
 * Every figure of issue 15's bench from one run: a private redis-server (so the counts are clean),
 * the baseline server and the built reset server as children, the standalone worker for the mail
 * pipeline. The reset server runs with MAIL_WORKER=false: the request path alone, and no worker's
 * commands among the request's.
 */
export async function runFigures(settings: FiguresSettings, cleanups: CleanupStack): Promise<FiguresReport> {
  const loadAverageAtStart = loadavg();
  const redis = await startPrivateRedis();
  cleanups.defer(() => redis.stop());
  const outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-bench-'));
  cleanups.defer(() => rm(outboxDir, { recursive: true, force: true }));
  const workerOutboxDir = join(outboxDir, 'worker');

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
  const resetEnv = {
    ...commonEnv,
    HOST: '127.0.0.1',
    MAIL_OUTBOX_DIR: outboxDir,
    TOKEN_PEPPER: BENCH_PEPPER,
    // All load comes from one IP and one client: limits high enough to count every request (the
    // throttles' Redis work is part of the path measured) without refusing any. The per-address
    // limit stays at its default (3 an hour): every load request names a new address, and the
    // throttled count needs one that is refused.
    RATE_LIMIT_REQUESTS_PER_IP: '100000000/1h',
    RATE_LIMIT_REQUESTS_PER_CLIENT: '100000000/1h',
    RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '100000000/1h',
    MAIL_WORKER: 'false',
    // Every legacy call names a new, unknown address (a known one is throttled after three); with
    // the switch off, Cameramanager and others answer those 404, so on: the same work as for a known account.
    LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true',
    // No balancer to drain for: stop at once when the run is over.
    SHUTDOWN_DRAIN: '0',
  };
  const reset = await startChildServer({
    name: 'reset server',
    script: new URL('../main.js', import.meta.url),
    port: resetPort,
    env: { ...resetEnv, PORT: String(resetPort) },
  });
  cleanups.defer(() => reset.stop());
  const world = await createBenchWorld(redis.url, reset.url);
  cleanups.defer(async () => world.close());
  const connection = new Redis(redis.url);
  cleanups.defer(async () => connection.disconnect());
  const calls = addressCalls(world.credentials);
  const count = (run: (n: number) => Promise<unknown>) => countCommands(connection, settings.operations, run);
  const legacyApis = Object.keys(LEGACY_ROUTES) as LegacyApiName[];

  // Commands per operation, one call at a time, before any load (so no backlog runs meanwhile).
  const known = await world.addUsers(settings.operations, 'known');
  const trpcBaseline = await count((n) => send(baseline.url, trpcBaselineCall(`count-baseline-${n}@example.com`)));
  // These requests queue one reset mail each: the jobs the mail pipeline then delivers.
  const requestKnown = await count((n) => send(reset.url, calls.request(known[n]?.email ?? '')));
  const mailPipeline = await countMailPipelineCommands({
    redisUrl: redis.url,
    workerEnv: { ...resetEnv, MAIL_OUTBOX_DIR: workerOutboxDir, WORKER_METRICS_PORT: String(await findFreePort()) },
    outboxDir: workerOutboxDir,
    mails: settings.operations,
  });
  // The pipeline's rate: a backlog of reset mails (queued through the server's own requests) that one
  // standalone worker delivers to a local SendGrid sink, at the default MAIL_WORKER_CONCURRENCY.
  const throughputAccounts = await world.addUsers(settings.mails, 'throughput');
  const throughput = await measureMailThroughput({
    workerEnv: { ...resetEnv, WORKER_METRICS_PORT: String(await findFreePort()) },
    mails: settings.mails,
    concurrency: DEFAULT_MAIL_WORKER_CONCURRENCY,
    queueJobs: () =>
      sendMany(settings.mails, settings.connections, (n) => send(reset.url, calls.request(throughputAccounts[n]?.email ?? ''))),
  });
  const mailThroughput = {
    ...throughput,
    targetPerSecond: MAILS_PER_SECOND_TARGET,
    pass: throughput.mailsPerSecond >= MAILS_PER_SECOND_TARGET,
  };
  const requestUnknown = await count((n) => send(reset.url, calls.request(`count-unknown-${n}@example.com`)));
  const throttledAddress = 'count-throttled@example.com';
  // The per-address limit's three, then every one is refused (with the same answer).
  for (let n = 0; n < 3; n += 1) await send(reset.url, calls.request(throttledAddress));
  const requestThrottled = await count(() => send(reset.url, calls.request(throttledAddress)));
  const secrets = await world.issueSecrets(known);
  const inspect = await count((n) => send(reset.url, inspectCall(secrets[n] ?? '')));
  const complete = await count((n) => send(reset.url, completeCall(secrets[n] ?? '', `count new passphrase ${n} ok`)));
  const legacyCounts = {} as Record<LegacyApiName, Awaited<ReturnType<typeof count>>>;
  for (const api of legacyApis) legacyCounts[api] = await count((n) => send(reset.url, calls[api](`count-${api}-${n}@example.com`)));

  // Memory, still before the load.
  const memoryUsers = await world.addUsers(settings.memorySample, 'memory');
  const secretMemory = await measureSecretMemory(connection, memoryUsers, world.issueSecrets);
  // Requests wait in the intake (the server runs no worker): weighed there, then once moved into BullMQ.
  const intakeMemory = await measureJobMemory(connection, settings.memorySample, () =>
    sendMany(settings.memorySample, settings.connections, (n) => send(reset.url, calls.request(`memory-intake-${n}@example.com`))),
  );
  await moveIntakeOnce(connection);
  const jobMemory = await measureJobMemory(
    connection,
    settings.memorySample,
    () => sendMany(settings.memorySample, settings.connections, (n) => send(reset.url, calls.request(`memory-job-${n}@example.com`))),
    () => moveIntakeOnce(connection),
  );

  // Each operation against its baseline, rounds interleaved.
  const { connections, durationSeconds, rounds, warmupSeconds } = settings;
  const trpcBaselineSide = httpSide('tRPC + SET', baseline.url, connections, (n) => trpcBaselineCall(`load-baseline-${n}@example.com`));
  const expressBaselineSide = httpSide('express + SET', baseline.url, connections, (n) =>
    expressBaselineCall(`load-baseline-${n}@example.com`),
  );
  const [inspectAccount] = await world.addUsers(1, 'inspect');
  const [inspectSecret = ''] = await world.issueSecrets(inspectAccount ? [inspectAccount] : []);
  const completionAccounts = await world.addUsers(Math.max(100, 80 * durationSeconds), 'complete');
  const eventLoopP99Ms: number[] = [];
  const sides: Record<keyof FiguresReport['comparisons'], [RoundSide, RoundSide]> = {
    request: [
      httpSide('passwordReset.request', reset.url, connections, (n) => calls.request(`load-request-${n}@example.com`)),
      trpcBaselineSide,
    ],
    inspect: [httpSide('passwordReset.inspect', reset.url, connections, () => inspectCall(inspectSecret)), trpcBaselineSide],
    ...(Object.fromEntries(
      legacyApis.map((api) => [
        api,
        [httpSide(LEGACY_ROUTES[api], reset.url, connections, (n) => calls[api](`load-${api}-${n}@example.com`)), expressBaselineSide],
      ]),
    ) as Record<LegacyApiName, [RoundSide, RoundSide]>),
    complete: [
      completionSide(
        reset.url,
        COMPLETION_CONCURRENCY,
        () => world.issueSecrets(completionAccounts),
        async (round) => {
          const { eventLoopP99Ms: p99, ...figures } = await withEventLoopP99(reset.url, round);
          eventLoopP99Ms.push(p99);
          return figures;
        },
      ),
      argon2Side(COMPLETION_CONCURRENCY),
    ],
  };
  if (warmupSeconds > 0) {
    // JIT, pools and scripts warmed once per side; completion and argon2 need none (the hash dominates).
    const warmed = new Set<RoundSide>();
    for (const [target, yardstick] of Object.values(sides).slice(0, -1)) {
      for (const side of [target, yardstick]) {
        if (!warmed.has(side)) await side.run(warmupSeconds);
        warmed.add(side);
      }
    }
  }
  const comparisons = {} as Record<keyof FiguresReport['comparisons'], Awaited<ReturnType<typeof compareInterleaved>>>;
  for (const [name, [target, yardstick]] of Object.entries(sides) as Array<[keyof FiguresReport['comparisons'], [RoundSide, RoundSide]]>) {
    comparisons[name] = await compareInterleaved(target, yardstick, rounds, durationSeconds);
  }
  // Completion's event-loop readings: only the target's runs pushed one.
  const maxEventLoopP99Ms = Math.max(...eventLoopP99Ms);

  // The default deployment, its worker in the process: what it sustains with every mail out, against
  // the same run's tRPC + SET baseline (the other servers idle meanwhile; it has a Redis of its own).
  const sustained = await measureSustainableRate({ requests: settings.mails, connections, cleanups });
  const baselinePerSecond = comparisons.request.medianBaselinePerSecond;
  const sustainedRatio = baselinePerSecond > 0 ? sustained.perSecond / baselinePerSecond : 0;
  const sustainedRequest = {
    ...sustained,
    baselinePerSecond,
    ratio: sustainedRatio,
    targetRatio: SUSTAINABLE_RATIO_TARGET,
    pass: sustainedRatio >= SUSTAINABLE_RATIO_TARGET,
  };

  // Last, so that the peer's processes are not there while ours are measured alone.
  const peer =
    settings.peer === null
      ? undefined
      : await measurePeerFigures({
          peer: settings.peer,
          settings,
          cleanups,
          ours: {
            url: reset.url,
            pid: reset.pid,
            requestCall: (n) => calls.request(`peer-load-${n}@example.com`),
            workerCpuMsPerMail: mailThroughput.workerCpuMsPerMail,
          },
        });

  // The schema is the contract of `--json`: a report that does not fit it is a bug here, not output.
  return figuresReportSchema.parse({
    machine: { nodeVersion: process.version, cpus: availableParallelism(), loadAverageAtStart, loadAverageAtEnd: loadavg() },
    settings: { ...settings, completionConcurrency: COMPLETION_CONCURRENCY },
    comparisons,
    redisCommands: {
      trpcBaseline,
      requestKnown,
      requestUnknown,
      requestThrottled,
      inspect,
      complete,
      ...legacyCounts,
      mailPipeline,
    },
    memory: { secret: secretMemory, job: jobMemory, intakeEntry: intakeMemory },
    mailThroughput,
    sustainedRequest,
    completion: { eventLoopP99Ms, maxEventLoopP99Ms, limitMs: EVENT_LOOP_P99_LIMIT_MS, pass: maxEventLoopP99Ms <= EVENT_LOOP_P99_LIMIT_MS },
    ...(peer ? { peer } : {}),
  });
}
