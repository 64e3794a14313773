import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { figuresReportSchema } from '../src/bench/figures-report.js';
import { runToCompletion } from './support/server-process.js';

const BUILT_BENCH = fileURLToPath(new URL('../dist/bench/main.js', import.meta.url));
const OPERATIONS = 5;
const MEMORY_SAMPLE = 50;
// Enough mails that the worker's CPU over them spans many of /proc's 10 ms ticks.
const MAILS = 200;

// The bench's figures are not tested (no timed assertions): only that a tiny run of the built
// bench goes through every section and prints a report machines can rely on.
describe('pnpm bench --json', () => {
  it('runs a tiny bench and prints a report with every section, in the schema', { timeout: 150_000 }, async () => {
    const environment: Record<string, string> = {};
    // The same redis-server override startPrivateRedis reads (test.sh exports it).
    if (process.env.REDIS_SERVER_BIN) environment.REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN;
    const { code, stdout, stderr } = await runToCompletion(
      BUILT_BENCH,
      [
        '--json',
        '--duration',
        '1',
        '--warmup',
        '0',
        '--rounds',
        '1',
        '--connections',
        '4',
        '--operations',
        String(OPERATIONS),
        '--memory-sample',
        String(MEMORY_SAMPLE),
        '--mails',
        String(MAILS),
      ],
      environment,
    );
    expect(code, stderr).toBe(0);
    const report = figuresReportSchema.parse(JSON.parse(stdout));
    expect(Object.keys(report.comparisons).sort()).toEqual([
      'antel',
      'cameramanager',
      'complete',
      'inspect',
      'request',
      'teenquotes',
      'trafficops',
    ]);
    for (const comparison of Object.values(report.comparisons)) expect(comparison.rounds).toHaveLength(1);
    // The tRPC baseline does one SET and nothing else: the counting itself adds nothing.
    expect(report.redisCommands.trpcBaseline).toEqual({ total: 1, byCommand: { set: 1 } });
    expect(report.redisCommands.mailPipeline.mails).toBe(OPERATIONS);
    expect(report.redisCommands.mailPipeline.ours).toBeGreaterThan(0);
    expect(report.redisCommands.mailPipeline.bullmq).toBeGreaterThan(0);
    expect(report.memory.secret.sample).toBe(MEMORY_SAMPLE);
    expect(report.memory.job.memoryUsageBytes).toBeGreaterThan(0);
    expect(report.memory.intakeEntry.memoryUsageBytes).toBeGreaterThan(0);
    expect(report.completion.eventLoopP99Ms).toHaveLength(1);
    // Every request of the sustained run had its mail delivered (the bench fails otherwise).
    expect(report.sustainedRequest.requests).toBe(MAILS);
    expect(report.sustainedRequest.perSecond).toBeGreaterThan(0);
    expect(report.sustainedRequest.ratio).toBeCloseTo(
      report.sustainedRequest.perSecond / report.comparisons.request.medianBaselinePerSecond,
      5,
    );
    // Every mail reached the SendGrid sink (the worker stops only then), over a measured interval.
    expect(report.mailThroughput.mails).toBe(MAILS);
    expect(report.mailThroughput.seconds).toBeGreaterThan(0);
    expect(report.mailThroughput.workerCpuMsPerMail).toBeGreaterThan(0);
  });
});
