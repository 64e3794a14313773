import { Router } from 'express';
import type { MailReadiness } from '../mail/mail-readiness.js';

/** One directory as /readyz shows it: never a reason text or a connection string, only whether it answers. */
export type DirectoryReadiness = 'ok' | 'unavailable';

/**
 * What /readyz reports: that the process is shutting down; or Redis, which everything needs; or,
 * with Redis up, whether mail can go out and each user directory by name.
 */
export type Readiness =
  | { readonly stopping: true }
  | { readonly redis: 'unreachable' }
  | {
      readonly redis: 'ok';
      readonly mail: MailReadiness;
      readonly directories: Readonly<Record<string, DirectoryReadiness>>;
    };

/**
 * `/healthz`: the process is alive (for restarts). `/readyz`: it can serve (for load balancers): 503
 * while shutting down (so the balancer stops sending before the listener closes), when Redis is
 * unreachable (nothing works), or when SendGrid refuses our key (every reset would be accepted and its
 * mail parked); 200 otherwise, `degraded` when a user directory cannot answer, because one
 * application's database must not take every application out of the balancer (the calls that need
 * that directory answer 503 themselves). Neither needs credentials.
 */
export function healthRoutes({ readiness }: { readiness: () => Promise<Readiness> }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness().catch((): Readiness => ({ redis: 'unreachable' }));
    if ('stopping' in report) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    if (report.redis === 'unreachable') {
      res.status(503).json({ status: 'unavailable', redis: 'unreachable' });
      return;
    }
    const mailRejected = report.mail.mail === 'rejected';
    const degraded = Object.values(report.directories).some((state) => state !== 'ok');
    // `ready` as before directories existed, so that monitors reading the status keep working.
    res.status(mailRejected ? 503 : 200).json({
      status: mailRejected ? 'unavailable' : degraded ? 'degraded' : 'ready',
      redis: 'ok',
      mail: report.mail.mail,
      ...(report.mail.mail === 'rejected' ? { mailReason: report.mail.reason } : {}),
      directories: report.directories,
    });
  });
  return router;
}
