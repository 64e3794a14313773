import { Router } from 'express';

/**
 * `/healthz`: the process is alive (for restarts). `/readyz`: it can serve, i.e. Redis answers
 * (for load balancers). Neither needs credentials nor says more than that.
 */
export function healthRoutes({ isReady }: { isReady: () => Promise<boolean> }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ready = await isReady().catch(() => false);
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready' } : { status: 'unavailable', redis: 'unreachable' });
  });
  return router;
}
