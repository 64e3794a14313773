import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis } from '@pwreset/testing';
import type { BenchOptions } from './bench-options.js';
import { startBenchResetServer } from './bench-reset-server.js';
import { measureTarget, type LoadSettings, type TargetFigures } from './measure-target.js';

export interface TracingCostRun extends TargetFigures {
  /** Milliseconds from the spawn to the first 200 of `/healthz`. */
  readonly startMs: number;
}

export interface TracingCostReport {
  readonly nodeVersion: string;
  readonly settings: LoadSettings;
  /** `node dist/main.js`, as the bench's reset target. */
  readonly bare: TracingCostRun;
  /** `node --import …/register-tracing.js dist/main.js` without OTEL_EXPORTER_OTLP_ENDPOINT, as `pnpm start`. */
  readonly registered: TracingCostRun;
  /** registered ÷ bare. */
  readonly ratios: { readonly requestsPerSecond: number; readonly p99Latency: number };
}

/**
 * `pnpm bench --tracing-cost`: what tracing costs when OTEL_EXPORTER_OTLP_ENDPOINT is unset, i.e.
 * what the `--import` of `pnpm start` costs (it reads the configuration and returns, registering
 * nothing). The same reset target is measured started bare, then started as `pnpm start` starts
 * it; each on a Redis of its own, one after the other, so neither inherits the other's backlog.
 */
export async function measureTracingCost(options: BenchOptions, settings: LoadSettings): Promise<TracingCostReport> {
  const bare = await measureResetServer(options, settings, false);
  const registered = await measureResetServer(options, settings, true);
  return {
    nodeVersion: process.version,
    settings,
    bare,
    registered,
    ratios: {
      requestsPerSecond: registered.requestsPerSecond / bare.requestsPerSecond,
      p99Latency: registered.p99LatencyMs / bare.p99LatencyMs,
    },
  };
}

async function measureResetServer(options: BenchOptions, settings: LoadSettings, tracingRegistered: boolean): Promise<TracingCostRun> {
  const redis = await startPrivateRedis();
  const outboxDir = await mkdtemp(join(tmpdir(), 'pwreset-bench-'));
  try {
    const server = await startBenchResetServer({
      redisUrl: redis.url,
      mail: { outboxDir },
      withoutWorker: options.withoutWorker,
      tracingRegistered,
    });
    try {
      const name = tracingRegistered ? 'reset, tracing registered, unset' : 'reset, bare';
      const figures = await measureTarget(
        { name, url: server.url, path: '/trpc/passwordReset.request', headers: { authorization: server.authorization } },
        settings,
      );
      return { ...figures, startMs: server.startMs };
    } finally {
      await server.stop();
    }
  } finally {
    await redis.stop();
    await rm(outboxDir, { recursive: true, force: true });
  }
}

export function formatTracingCostReport(report: TracingCostReport): string {
  const { settings } = report;
  const rows = [report.bare, report.registered].map(
    (run) =>
      `${run.name.padEnd(32)}  start ${run.startMs.toFixed(0).padStart(5)} ms  ${run.requestsPerSecond.toFixed(1).padStart(8)} requests/s  ` +
      `p50 ${String(run.p50LatencyMs).padStart(3)} ms  p99 ${String(run.p99LatencyMs).padStart(3)} ms`,
  );
  return [
    `node ${report.nodeVersion}; ${settings.connections} connections; ${settings.durationSeconds} s measured after ${settings.warmupSeconds} s warm-up, per target`,
    '',
    ...rows,
    '',
    `registered/bare  requests/s ${report.ratios.requestsPerSecond.toFixed(2)}  p99 ${report.ratios.p99Latency.toFixed(2)}  ` +
      `start ${(report.registered.startMs - report.bare.startMs).toFixed(0)} ms more (health polled every 50 ms)`,
  ].join('\n');
}
