import { DependencyUnavailableError, RESET_ERROR_MESSAGES } from '@pwreset/contract';
import { Router, type ErrorRequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { sendCameramanagerError } from './cameramanager-responses.js';
import { requestPasswordResetHandler } from './request-password-reset.js';

/** The swagger's basePath: everything under it answers in Cameramanager's envelope. */
export const CAMERAMANAGER_BASE_PATH = '/rest/v2.0';

/** Last resort under the prefix: Redis away → 503; anything else → 500, logged, never described. */
function answerUnexpectedErrors(deps: LegacyDependencies): ErrorRequestHandler {
  return function answerUnexpectedError(error: unknown, _req, res, next) {
    if (res.headersSent) return next(error);
    if (error instanceof DependencyUnavailableError)
      return sendCameramanagerError(res, 'SERVICE_UNAVAILABLE', RESET_ERROR_MESSAGES.SERVICE_UNAVAILABLE);
    deps.logError(error, 'cameramanager request failed');
    sendCameramanagerError(res, 'INTERNAL_ERROR', RESET_ERROR_MESSAGES.INTERNAL_ERROR);
  };
}

/**
 * Cameramanager API v2.0 (`docs/cameramanager-password-reset.txt`). Paths are case-sensitive, as
 * on the servlet stack the swagger describes; anything outside the prefix goes on to `next()`.
 */
export function cameramanagerRoutes(deps: LegacyDependencies): Router {
  const api = Router({ caseSensitive: true });
  api.post('/passwordResets', requestPasswordResetHandler(deps));
  api.all('/passwordResets', (_req, res) => sendCameramanagerError(res, 'METHOD_NOT_ALLOWED', 'Use POST.'));
  api.use((_req, res) => sendCameramanagerError(res, 'UNKNOWN_PATH', 'There is no such resource in this API.'));
  api.use(answerUnexpectedErrors(deps));

  const router = Router({ caseSensitive: true });
  router.use(CAMERAMANAGER_BASE_PATH, api);
  return router;
}
