import { Router } from 'express';
import type { Logger } from '../logger.js';
import { countHttpRequests } from '../metrics/http-metrics.js';
import { metricsEndpoint } from '../metrics/metrics-endpoint.js';
import type { ServiceMetrics } from '../metrics/service-metrics.js';
import { accessLog } from './access-log.js';
import { httpSpans } from './tracing/http-spans.js';

export interface HttpObservabilityOptions {
  readonly logger: Logger;
  /** Where the counters go; without, nothing is counted (tests that need no metrics). */
  readonly metrics?: ServiceMetrics;
  /** Serve /metrics on this app (METRICS_PORT unset), with METRICS_TOKEN or null. */
  readonly metricsOnThisPort?: { readonly token: string | null };
}

/** The access log, the HTTP counters and (when it lives on this port) /metrics, after the request id. */
export function observeHttp({ logger, metrics, metricsOnThisPort }: HttpObservabilityOptions): Router {
  const router = Router();
  router.use(httpSpans);
  router.use(accessLog(logger));
  if (metrics) router.use(countHttpRequests(metrics));
  if (metrics && metricsOnThisPort) router.use(metricsEndpoint({ metrics, token: metricsOnThisPort.token }));
  return router;
}
