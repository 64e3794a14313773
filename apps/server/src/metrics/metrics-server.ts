import { once } from 'node:events';
import type { Server } from 'node:http';
import express from 'express';
import { describeListenError } from '../http/describe-listen-error.js';
import { createServerWithRequestTimeouts, type RequestTimeoutOptions } from '../http/server-with-request-timeouts.js';
import { metricsEndpoint, type MetricsEndpointOptions } from './metrics-endpoint.js';

export interface MetricsServerOptions extends MetricsEndpointOptions, RequestTimeoutOptions {
  readonly port: number;
  readonly host: string;
}

/**
 * A listener of its own for /metrics (METRICS_PORT, or the standalone worker's WORKER_METRICS_PORT),
 * with the main listener's REQUEST_TIMEOUT: a slow sender must not hold this port's connections either.
 */
export async function startMetricsServer({ port, host, requestTimeoutMs, ...endpoint }: MetricsServerOptions): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsEndpoint(endpoint));
  app.use((_req, res) => res.status(404).json({ error: 'only /metrics is served here' }));
  const server = createServerWithRequestTimeouts(app, { requestTimeoutMs }).listen(port, host);
  await once(server, 'listening');
  return server;
}

/** For entry points: the metrics listener, or one line on stderr saying what to change, and exit 1. */
export async function startMetricsServerOrExit(options: MetricsServerOptions, variable: string): Promise<Server> {
  try {
    return await startMetricsServer(options);
  } catch (error) {
    process.stderr.write(`error: ${describeListenError(error, options.host, options.port).replace('set PORT', `set ${variable}`)}\n`);
    process.exit(1);
  }
}

/**
 * Stops a metrics listener at shutdown: every connection too, not only the idle ones `close()`
 * ends, since a scraper's keep-alive connection that is mid-request at this moment would stay
 * open and keep being answered.
 */
export function stopMetricsServer(server: Server): void {
  server.close();
  server.closeAllConnections();
}
