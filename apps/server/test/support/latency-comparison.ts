import { performance } from 'node:perf_hooks';
import { mannWhitneyU, type MannWhitneyResult } from './mann-whitney.js';

export interface LatencySummary {
  readonly count: number;
  readonly p10Ms: number;
  readonly p25Ms: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

export interface LatencyComparison {
  readonly known: LatencySummary;
  readonly unknown: LatencySummary;
  /** Median of the unknown kind less median of the known, in milliseconds. */
  readonly medianDifferenceMs: number;
  /** For the report only: a p-value fails one run in a hundred at p = 0.01 by design, so nothing asserts on it. */
  readonly mannWhitney: MannWhitneyResult;
}

/** Fisher-Yates, in place. */
function shuffle<T>(items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
  return items;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function summary(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p10Ms: percentile(sorted, 0.1),
    p25Ms: percentile(sorted, 0.25),
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
  };
}

/**
 * Times `call` for a known and an unknown subject, `samplesPerKind` times each, one call in flight at a
 * time, in an order shuffled afresh: a slow spell of the machine (another process, a GC) falls on
 * both kinds alike, and so does whatever one call leaves running after its answer (an in-process
 * worker mailing a known address): each kind follows the other as often as itself. (Alternating in
 * pairs would not do: the call after a known one would be an unknown one three times in four.)
 */
export async function compareLatencies(
  samplesPerKind: number,
  call: (kind: 'known' | 'unknown', index: number) => Promise<void>,
): Promise<LatencyComparison> {
  const kinds = ['known', 'unknown'] as const;
  const plan = shuffle(kinds.flatMap((kind) => Array.from({ length: samplesPerKind }, (_, index) => [kind, index] as const)));
  const samples = { known: [] as number[], unknown: [] as number[] };
  for (const [kind, index] of plan) {
    const started = performance.now();
    await call(kind, index);
    samples[kind].push(performance.now() - started);
  }
  const known = summary(samples.known);
  const unknown = summary(samples.unknown);
  const mannWhitney = mannWhitneyU(samples.known, samples.unknown);
  return { known, unknown, medianDifferenceMs: unknown.medianMs - known.medianMs, mannWhitney };
}

export function describeComparison(title: string, comparison: LatencyComparison): string {
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  const { mannWhitney } = comparison;
  return [
    `${title}:`,
    ...(['known', 'unknown'] as const).map((kind) => {
      const { count, p10Ms, p25Ms, medianMs, p95Ms } = comparison[kind];
      return `  ${kind.padEnd(7)} (n=${count}): p10 ${ms(p10Ms)}, p25 ${ms(p25Ms)}, median ${ms(medianMs)}, p95 ${ms(p95Ms)}`;
    }),
    `  median difference ${ms(comparison.medianDifferenceMs)}; ` +
      `Mann-Whitney z = ${mannWhitney.z.toFixed(3)}, p = ${mannWhitney.p.toFixed(4)} (reported, not asserted)`,
  ].join('\n');
}
