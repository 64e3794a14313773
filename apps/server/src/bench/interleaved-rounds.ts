import autocannon from 'autocannon';
import type { BenchCall } from './bench-calls.js';

/** One side of a comparison: something that can be run for a while and says how many it did per second. */
export interface RoundSide {
  readonly name: string;
  /** Runs for about `seconds`; resolves to operations per second and the p99 latency in ms (null where there is none). */
  run(seconds: number): Promise<{ perSecond: number; p99Ms: number | null }>;
}

export interface RoundFigures {
  readonly perSecond: number;
  readonly p99Ms: number | null;
}

export interface Comparison {
  readonly name: string;
  readonly target: string;
  readonly baseline: string;
  readonly rounds: ReadonlyArray<{ readonly target: RoundFigures; readonly baseline: RoundFigures; readonly ratio: number }>;
  /** Median over the rounds of target ÷ baseline operations per second: below 1 means the target costs more. */
  readonly medianRatio: number;
  readonly medianTargetPerSecond: number;
  readonly medianBaselinePerSecond: number;
  readonly medianTargetP99Ms: number | null;
  readonly medianBaselineP99Ms: number | null;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function medianOrNull(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : median(present);
}

/**
 * `rounds` rounds of target and baseline back to back, the order swapped every round, so that a
 * change in the machine's load falls on both sides alike; the ratio is taken within each round.
 */
export async function compareInterleaved(target: RoundSide, baseline: RoundSide, rounds: number, seconds: number): Promise<Comparison> {
  const results: Array<{ target: RoundFigures; baseline: RoundFigures; ratio: number }> = [];
  for (let round = 0; round < rounds; round += 1) {
    let targetFigures: RoundFigures;
    let baselineFigures: RoundFigures;
    if (round % 2 === 0) {
      baselineFigures = await baseline.run(seconds);
      targetFigures = await target.run(seconds);
    } else {
      targetFigures = await target.run(seconds);
      baselineFigures = await baseline.run(seconds);
    }
    results.push({ target: targetFigures, baseline: baselineFigures, ratio: targetFigures.perSecond / baselineFigures.perSecond });
  }
  return {
    name: target.name,
    target: target.name,
    baseline: baseline.name,
    rounds: results,
    medianRatio: median(results.map(({ ratio }) => ratio)),
    medianTargetPerSecond: median(results.map((result) => result.target.perSecond)),
    medianBaselinePerSecond: median(results.map((result) => result.baseline.perSecond)),
    medianTargetP99Ms: medianOrNull(results.map((result) => result.target.p99Ms)),
    medianBaselineP99Ms: medianOrNull(results.map((result) => result.baseline.p99Ms)),
  };
}

/**
 * An HTTP side under autocannon at `connections`; `callFor(n)` builds the n-th call (a fresh
 * address each time). Any non-2xx or connection error fails the bench: a refused request is cheap.
 */
export function httpSide(name: string, baseUrl: string, connections: number, callFor: (n: number) => BenchCall): RoundSide {
  let sent = 0;
  return {
    name,
    async run(seconds) {
      const first = callFor(0);
      const result = await autocannon({
        url: baseUrl,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: first.path,
            headers: first.headers,
            setupRequest: (request) => {
              sent += 1;
              const call = callFor(sent);
              return { ...request, path: call.path, headers: call.headers, body: call.body };
            },
          },
        ],
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${name}: ${result.non2xx} non-2xx responses and ${result.errors} connection errors`);
      }
      return { perSecond: result.requests.total / seconds, p99Ms: result.latency.p99 };
    },
  };
}
