import { EVENT_LOOP_SAMPLING_MS } from '../metrics/service-metrics.js';

/**
 * The reset server's own event-loop delay, from its /metrics: prom-client's default metrics watch
 * the loop with perf_hooks' monitorEventLoopDelay and reset that histogram at each scrape, so a
 * scrape before and one after a burst give the p99 of the burst alone (nothing else scrapes a
 * bench's server). /metrics answers loopback peers without a token (METRICS_TOKEN unset).
 *
 * That histogram holds whole intervals between two samples, the sampling interval included (an
 * idle loop reads about EVENT_LOOP_SAMPLING_MS), so the delay is the reading less the interval, as
 * Elastic's Node agent takes it (and opentelemetry-js-contrib#2794 proposes for OpenTelemetry's).
 */
export async function readEventLoopP99Ms(resetUrl: string): Promise<number> {
  return eventLoopDelayOf(await readEventLoopLagP99Ms(resetUrl));
}

/** The loop's delay in a `nodejs_eventloop_lag_*` reading: what it waited beyond the sampling interval (never below 0). */
export function eventLoopDelayOf(lagMs: number): number {
  return Math.round(Math.max(0, lagMs - EVENT_LOOP_SAMPLING_MS) * 100) / 100;
}

/** `nodejs_eventloop_lag_p99_seconds` as the server's /metrics has it, in ms: the sampling interval included. */
export async function readEventLoopLagP99Ms(resetUrl: string): Promise<number> {
  const response = await fetch(`${resetUrl}/metrics`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  const match = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text);
  if (!match) throw new Error('/metrics has no nodejs_eventloop_lag_p99_seconds');
  return Math.round(Number(match[1]) * 1000 * 100) / 100;
}

/** Runs `burst` between two scrapes and adds the server's event-loop p99 over it to what `burst` returned. */
export async function withEventLoopP99<T extends object>(
  resetUrl: string,
  burst: () => Promise<T>,
): Promise<T & { eventLoopP99Ms: number }> {
  await readEventLoopP99Ms(resetUrl);
  const result = await burst();
  return { ...result, eventLoopP99Ms: await readEventLoopP99Ms(resetUrl) };
}
