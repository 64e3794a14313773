/**
 * `pnpm bench`: the built reset server's operations, each against its baseline in the same run
 * (see run-figures.ts), with Redis commands per operation, Redis memory per secret and per job,
 * and the event loop under completions. Exits 1 if any request failed, so a broken build cannot
 * pass as a fast one.
 */
import { BENCH_USAGE, BenchUsageError, parseBenchOptions, type BenchOptions } from './bench-options.js';
import { createCleanupStack } from './cleanup-stack.js';
import { formatFiguresReport } from './figures-report.js';
import type { TargetFigures } from './measure-target.js';
import { runFigures } from './run-figures.js';
import { formatTracingCostReport, measureTracingCost } from './tracing-cost.js';

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
  const settings = { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds };
  if (options.tracingCost) {
    const report = await measureTracingCost(options, settings);
    process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatTracingCostReport(report)}\n`);
    return reportFailedRequests([report.bare, report.registered]);
  }
  const report = await runFigures(options, cleanups);
  process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : formatFiguresReport(report)}\n`);
  return 0;
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
