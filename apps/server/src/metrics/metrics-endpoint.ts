import { Router } from 'express';
import { metricsAccess } from './metrics-access.js';
import type { ServiceMetrics } from './service-metrics.js';

export interface MetricsEndpointOptions {
  readonly metrics: ServiceMetrics;
  /** METRICS_TOKEN; null: loopback peers only (see metricsAccess). */
  readonly token: string | null;
}

/** `GET /metrics` in Prometheus' text format, for operators only. */
export function metricsEndpoint({ metrics, token }: MetricsEndpointOptions): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const access = metricsAccess({ headers: req.headers, socketAddress: req.socket.remoteAddress }, token);
    if (!access.allowed) {
      if (access.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="pwreset-metrics"');
      res
        .status(access.status)
        .json({ error: access.status === 401 ? 'a valid METRICS_TOKEN is required' : 'metrics are served to this host only' });
      return;
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  });
  return router;
}
