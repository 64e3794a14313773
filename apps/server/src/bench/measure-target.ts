import autocannon from 'autocannon';

export interface LoadTarget {
  /** Label in the report. */
  readonly name: string;
  /** Base URL of the server, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Path that takes `POST {"email": …}`. */
  readonly path: string;
  /** Extra request headers (the reset server's bearer token). */
  readonly headers?: Record<string, string>;
}

export interface LoadSettings {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

export interface TargetFigures {
  readonly name: string;
  /** Mean of autocannon's per-second request counts. */
  readonly requestsPerSecond: number;
  readonly p50LatencyMs: number;
  readonly p99LatencyMs: number;
  readonly totalRequests: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included: a request that got no answer at all. */
  readonly errors: number;
}

// Shared by every run, so no address repeats within a bench; unknown addresses take the same
// request path as known ones, which is the point of the design.
let emailCounter = 0;

/** A warm-up run that is thrown away (JIT, pools, Redis), then the measured run. */
export async function measureTarget(target: LoadTarget, settings: LoadSettings): Promise<TargetFigures> {
  const warmup = await runLoad(target, settings.connections, settings.warmupSeconds);
  // A broken set-up shows already here; stop before spending the measured run on it.
  if (warmup.non2xx > 0 || warmup.errors > 0) {
    throw new Error(`${target.name}: ${warmup.non2xx} non-2xx responses and ${warmup.errors} errors during the warm-up`);
  }
  const result = await runLoad(target, settings.connections, settings.durationSeconds);
  return {
    name: target.name,
    requestsPerSecond: result.requests.average,
    p50LatencyMs: result.latency.p50,
    p99LatencyMs: result.latency.p99,
    totalRequests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function runLoad(target: LoadTarget, connections: number, durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    connections,
    duration: durationSeconds,
    requests: [
      {
        method: 'POST',
        path: target.path,
        headers: { 'content-type': 'application/json', ...target.headers },
        setupRequest: (request) => {
          emailCounter += 1;
          return { ...request, body: JSON.stringify({ email: `bench-${emailCounter}@example.com` }) };
        },
      },
    ],
  });
}
