import { findFreePort } from '@pwreset/testing';
import { BENCH_PEPPER, benchClientAuthorization } from './bench-client-authorization.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { SINK_API_KEY } from './sendgrid-sink.js';

/** What `pnpm start` passes to `node --import`: the tracing registration (see register-tracing.ts). */
export const TRACING_REGISTRATION = new URL('../observability/tracing/register-tracing.js', import.meta.url);

export interface BenchResetServerOptions {
  readonly redisUrl: string;
  /** Where its mail goes: an outbox directory, or the real SendGrid mailer pointed at a local sink (sendgrid-sink.ts). */
  readonly mail: { readonly outboxDir: string } | { readonly sendGridApiUrl: string };
  readonly withoutWorker: boolean;
  /** Start it as `pnpm start` does, with the tracing registration preloaded (and no OTLP endpoint). */
  readonly tracingRegistered?: boolean;
}

export interface BenchResetServer extends ChildServer {
  /** The bench client's `Authorization` header. */
  readonly authorization: string;
}

/** The built reset server, in its own process, with a bench client registered in its Redis. */
export async function startBenchResetServer({
  redisUrl,
  mail,
  withoutWorker,
  tracingRegistered = false,
}: BenchResetServerOptions): Promise<BenchResetServer> {
  const port = await findFreePort();
  const server = await startChildServer({
    name: tracingRegistered ? 'reset server (tracing registered)' : 'reset server',
    script: new URL('../main.js', import.meta.url),
    nodeArguments: tracingRegistered ? ['--import', TRACING_REGISTRATION.href] : [],
    port,
    // Only these variables, not ours: a SENDGRID_API_KEY or OTEL_EXPORTER_OTLP_ENDPOINT in the
    // caller's shell must not turn a benchmark into real mail or exported traces.
    env: {
      REDIS_URL: redisUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...('outboxDir' in mail
        ? { MAIL_OUTBOX_DIR: mail.outboxDir }
        : { SENDGRID_API_KEY: SINK_API_KEY, SENDGRID_API_URL: mail.sendGridApiUrl }),
      TOKEN_PEPPER: BENCH_PEPPER,
      // All load comes from one IP and one client: limits high enough to count every request
      // (the throttles' Redis work is part of the path measured) without refusing any.
      RATE_LIMIT_REQUESTS_PER_IP: '100000000/1h',
      RATE_LIMIT_REQUESTS_PER_CLIENT: '100000000/1h',
      MAIL_WORKER: withoutWorker ? 'false' : 'true',
      // No balancer to drain for: stop at once when the run is over.
      SHUTDOWN_DRAIN: '0',
    },
  });
  try {
    return { ...server, authorization: await benchClientAuthorization(redisUrl, server.url) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
