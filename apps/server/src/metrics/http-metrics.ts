import type { RequestHandler } from 'express';
import { currentRequestContext, requestRouteTemplate } from '../observability/request-context.js';
import { NO_CLIENT, type ServiceMetrics } from './service-metrics.js';

/**
 * Counts every answer by route template and status, and times it. A reset request or completion
 * the engine never saw (bad input, no credential, a link target not allowed, Redis away) is
 * counted here, since only the edge knows it happened: `refused` for a 4xx, `failed` for a 5xx.
 */
export function countHttpRequests(metrics: ServiceMetrics): RequestHandler {
  return function countHttpRequest(req, res, next) {
    const started = process.hrtime.bigint();
    const context = currentRequestContext();
    const { route, api, operation } = requestRouteTemplate(req);
    res.once('close', () => {
      const status = String(res.statusCode);
      metrics.httpRequests.inc({ route, status });
      metrics.httpRequestDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
      if (operation === undefined || context?.auditedActions.has(operation) === true || res.statusCode < 400) return;
      const labels = { client: context?.clientId ?? NO_CLIENT, api, outcome: res.statusCode >= 500 ? 'failed' : 'refused' } as const;
      if (operation === 'request') metrics.resetRequests.inc(labels);
      else metrics.resetCompletions.inc(labels);
    });
    next();
  };
}
