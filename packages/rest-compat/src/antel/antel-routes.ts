import { DependencyUnavailableError } from '@pwreset/contract';
import { Router, type ErrorRequestHandler } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { answerForFailure } from './antel-error-table.js';
import { matchAntelPath } from './antel-paths.js';
import { answerAntelRequest } from './answer-antel-request.js';
import { chooseResponseFormat } from './response-format.js';
import { sendAntelAnswer } from './send-antel-answer.js';

/**
 * Antel's ServiceStack API: `POST /user/password/reset` and `/forgot` (and their `.jsv`/`.json`
 * forms). Every answer under /user/password is Antel's response DTO, as JSON or JSV; other
 * paths go on to the next router, since every legacy API is mounted at the root.
 */
export function antelRoutes(deps: LegacyDependencies): Router {
  const router = Router();

  router.use(async (req, res, next) => {
    const match = matchAntelPath(req.path);
    if (!match) return next();
    const answer = await answerAntelRequest(deps, req, match);
    sendAntelAnswer(res, answer, chooseResponseFormat(req, match.kind === 'operation' ? match.suffixFormat : undefined));
  });

  // Express 5 sends a rejected handler here. Nothing of the error reaches the caller.
  const answerUnexpectedError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const match = matchAntelPath(req.path);
    if (!match) return next(error);
    const unavailable = error instanceof DependencyUnavailableError;
    if (!unavailable) deps.logError(error, 'antel request failed');
    if (res.headersSent) return void res.end();
    const answer = answerForFailure({ code: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR' });
    sendAntelAnswer(res, answer, chooseResponseFormat(req, match.kind === 'operation' ? match.suffixFormat : undefined));
  };
  router.use(answerUnexpectedError);

  return router;
}
