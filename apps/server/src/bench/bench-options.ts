import { parseArgs } from 'node:util';

/** The peers `--peer` can start beside ours (packages/bench-peer-better-auth). */
export const BENCH_PEERS = ['better-auth'] as const;
export type BenchPeer = (typeof BENCH_PEERS)[number];

export interface BenchOptions {
  /** Connections autocannon keeps open against each target. Default 10. */
  readonly connections: number;
  /** Seconds of measured load per target. Default 10. */
  readonly durationSeconds: number;
  /** Seconds of load per side before its first round, thrown away (JIT, connection pools). Default 2; 0 for none. */
  readonly warmupSeconds: number;
  /** Interleaved rounds of each comparison; the median ratio is printed. Default 3. */
  readonly rounds: number;
  /** Calls per operation for the Redis command counts (and mails for the pipeline's). Default 200. */
  readonly operations: number;
  /** Live secrets and queued jobs weighed for the memory figures. Default 10 000 (issue 15). */
  readonly memorySample: number;
  /** Reset mails the standalone worker delivers to a local SendGrid sink for the mail pipeline's rate. Default 3 000. */
  readonly mails: number;
  /** Print the figures as JSON instead of a table. */
  readonly json: boolean;
  /**
   * The reset server without its in-process mail worker (MAIL_WORKER=false), for `--tracing-cost`.
   * The figures always run it so (the request path alone; the mail pipeline in the standalone worker).
   */
  readonly withoutWorker: boolean;
  /**
   * Instead of the baseline comparison: the reset target started bare against the same started as
   * `pnpm start` starts it (tracing registered, OTEL_EXPORTER_OTLP_ENDPOINT unset), start time included.
   */
  readonly tracingCost: boolean;
  /**
   * A peer started in the same run, whose cost per reset request is set against our whole path's
   * (request answered + mail delivered): see peer-figures.ts. Default none.
   */
  readonly peer: BenchPeer | null;
}

export const BENCH_USAGE =
  'usage: pnpm bench [--duration S] [--connections N] [--warmup S] [--rounds N] [--operations N] [--memory-sample N] [--mails N] [--without-worker] [--tracing-cost] [--peer better-auth] [--json]';

export class BenchUsageError extends Error {}

/** Parses `pnpm bench` arguments; throws BenchUsageError (exit code 2) on anything unexpected. */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  let values: {
    duration?: string;
    connections?: string;
    warmup?: string;
    rounds?: string;
    operations?: string;
    'memory-sample'?: string;
    mails?: string;
    json?: boolean;
    'without-worker'?: boolean;
    'tracing-cost'?: boolean;
    peer?: string;
  };
  try {
    values = parseArgs({
      args: [...args],
      allowPositionals: false,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        warmup: { type: 'string' },
        rounds: { type: 'string' },
        operations: { type: 'string' },
        'memory-sample': { type: 'string' },
        mails: { type: 'string' },
        json: { type: 'boolean' },
        'without-worker': { type: 'boolean' },
        'tracing-cost': { type: 'boolean' },
        peer: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    connections: parsePositiveInteger('--connections', values.connections ?? '10'),
    durationSeconds: parsePositiveInteger('--duration', values.duration ?? '10'),
    warmupSeconds: parseWholeNumber('--warmup', values.warmup ?? '2', 0),
    rounds: parsePositiveInteger('--rounds', values.rounds ?? '3'),
    operations: parsePositiveInteger('--operations', values.operations ?? '200'),
    memorySample: parsePositiveInteger('--memory-sample', values['memory-sample'] ?? '10000'),
    mails: parsePositiveInteger('--mails', values.mails ?? '3000'),
    json: values.json ?? false,
    withoutWorker: values['without-worker'] ?? false,
    tracingCost: values['tracing-cost'] ?? false,
    peer: values.peer === undefined ? null : parsePeer(values.peer),
  };
}

function parsePeer(text: string): BenchPeer {
  const peer = BENCH_PEERS.find((name) => name === text);
  if (!peer) throw new BenchUsageError(`--peer must name one of: ${BENCH_PEERS.join(', ')}; got "${text}"`);
  return peer;
}

function parsePositiveInteger(name: string, text: string): number {
  return parseWholeNumber(name, text, 1);
}

function parseWholeNumber(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new BenchUsageError(`${name} must be a whole number of at least ${minimum}, got "${text}"`);
  }
  return value;
}
