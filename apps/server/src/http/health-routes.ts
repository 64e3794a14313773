import { Router } from 'express';

/** One directory as /readyz shows it: never a reason text or a connection string, only whether it answers. */
export type DirectoryReadiness = 'ok' | 'unavailable';

/** What /readyz reports: Redis, which everything needs, and each user directory by name. */
export type Readiness =
  { readonly redis: 'unreachable' } | { readonly redis: 'ok'; readonly directories: Readonly<Record<string, DirectoryReadiness>> };

/**
 * `/healthz`: the process is alive (for restarts). `/readyz`: it can serve (for load balancers): 503
 * when Redis is unreachable, since then nothing works; 200 otherwise, `degraded` when a user directory
 * cannot answer, because one application's database must not take every application out of the
 * balancer (the calls that need that directory answer 503 themselves). Neither needs credentials.
 */
export function healthRoutes({ readiness }: { readiness: () => Promise<Readiness> }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness().catch((): Readiness => ({ redis: 'unreachable' }));
    if (report.redis === 'unreachable') {
      res.status(503).json({ status: 'unavailable', redis: 'unreachable' });
      return;
    }
    const degraded = Object.values(report.directories).some((state) => state !== 'ok');
    // `ready` as before directories existed, so that monitors reading the status keep working.
    res.status(200).json({ status: degraded ? 'degraded' : 'ready', redis: 'ok', directories: report.directories });
  });
  return router;
}
