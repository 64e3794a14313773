import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Connections autocannon keeps open against each target. Default 10. */
  readonly connections: number;
  /** Seconds of measured load per target. Default 10. */
  readonly durationSeconds: number;
  /** Seconds of load before the measured run, thrown away (JIT, connection pools). Fixed at 2. */
  readonly warmupSeconds: number;
  /** Print the figures as JSON instead of a table. */
  readonly json: boolean;
  /**
   * Run the reset server without its in-process mail worker (MAIL_WORKER=false): the request
   * path alone, as when workers run apart with `pnpm worker`. Default: with the worker.
   */
  readonly withoutWorker: boolean;
}

export const BENCH_USAGE = 'usage: pnpm bench [--duration S] [--connections N] [--without-worker] [--json]';

export class BenchUsageError extends Error {}

/** Parses `pnpm bench` arguments; throws BenchUsageError (exit code 2) on anything unexpected. */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let values: { duration?: string; connections?: string; json?: boolean; 'without-worker'?: boolean };
  try {
    values = parseArgs({
      args: [...args],
      allowPositionals: false,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        json: { type: 'boolean' },
        'without-worker': { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    connections: parsePositiveInteger('--connections', values.connections ?? '10'),
    durationSeconds: parsePositiveInteger('--duration', values.duration ?? '10'),
    warmupSeconds: 2,
    json: values.json ?? false,
    withoutWorker: values['without-worker'] ?? false,
  };
}

function parsePositiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new BenchUsageError(`${name} must be a positive whole number, got "${text}"`);
  return value;
}
