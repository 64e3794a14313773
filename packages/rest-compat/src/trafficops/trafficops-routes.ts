import { DependencyUnavailableError } from '@pwreset/contract';
import { Router, type ErrorRequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { answerResetPassword } from './reset-password-handler.js';
import { trafficOpsAnswerFor } from './trafficops-error-table.js';
import { trafficOpsTarget } from './trafficops-paths.js';
import { sendAlert } from './trafficops-responses.js';

/** traffic_ops_golang's NotImplementedHandler text, for an API version it does not serve. */
export const UNSUPPORTED_API_VERSION_TEXT =
  'The requested api version is not implemented by this server. If you are using a newer client with an older server, you will need to use an older client version or upgrade your server.';

/** Failures thrown under /api/: a 503 when the store is down, else a 500 that reveals nothing. */
function trafficOpsErrors(deps: LegacyDependencies): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // Errors of other routes pass through this router too; only ours are answered here.
    if (trafficOpsTarget(req.method, req.path).kind === 'elsewhere' || res.headersSent) return next(error);
    if (error instanceof DependencyUnavailableError) {
      const answer = trafficOpsAnswerFor('SERVICE_UNAVAILABLE');
      return sendAlert(res, answer.status, 'error', answer.text);
    }
    deps.logError(error, 'trafficops request failed');
    const answer = trafficOpsAnswerFor('INTERNAL_ERROR');
    sendAlert(res, answer.status, 'error', answer.text);
  };
}

/**
 * Apache Traffic Ops' `user/reset_password`, and Traffic Ops' answers for everything else under
 * /api/ (the whole prefix is Traffic Ops'): every answer in its alerts envelope and headers.
 */
export function trafficopsRoutes(deps: LegacyDependencies): Router {
  const router = Router();
  router.use(async (req, res, next) => {
    const target = trafficOpsTarget(req.method, req.path);
    switch (target.kind) {
      case 'elsewhere':
        return next();
      case 'reset-password':
        return answerResetPassword(deps, req, res);
      case 'unsupported-version':
        return sendAlert(res, 501, 'error', UNSUPPORTED_API_VERSION_TEXT);
      case 'unknown-path':
        return sendAlert(res, 404, 'error', `The requested path '${target.path}' does not exist.`);
    }
  });
  router.use(trafficOpsErrors(deps));
  return router;
}
