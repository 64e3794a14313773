import { requestLegacyPasswordReset } from '@pwreset/contract/engine';
import type { Request, Response } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { readRawBody } from '../shared/read-raw-body.js';
import { parseResetPasswordRequest } from './reset-password-request.js';
import { trafficOpsAnswerFor } from './trafficops-error-table.js';
import { sendAlert } from './trafficops-responses.js';

const sendError = (res: Response, answer: { status: number; text: string }) => sendAlert(res, answer.status, 'error', answer.text);

/**
 * `POST /api/{version}/user/reset_password`: no credentials, so the mail goes out on behalf of the
 * one client bound to this API. Reads the body as Go would, asks the engine, answers as Traffic Ops.
 */
export async function answerResetPassword(deps: LegacyDependencies, req: Request, res: Response): Promise<void> {
  const raw = await readRawBody(req);
  if (!raw.ok) {
    // A body cut short reads, in Go, as JSON that ends too early.
    return raw.reason === 'TOO_LARGE'
      ? sendError(res, trafficOpsAnswerFor('PAYLOAD_TOO_LARGE'))
      : sendAlert(res, 400, 'error', 'Malformed request: unexpected EOF');
  }
  const request = parseResetPasswordRequest(raw.bytes);
  if (!request.ok) return sendAlert(res, 400, 'error', `Malformed request: ${request.reason}`);

  const client = await deps.clients.findLegacyBinding('trafficops');
  if (!client?.legacyApis.includes('trafficops')) {
    // An operator's omission, not the caller's: say nothing more than Traffic Ops would.
    deps.logError(new Error('no active client is bound to the trafficops legacy API'), 'trafficops reset_password');
    return sendError(res, trafficOpsAnswerFor('INTERNAL_ERROR'));
  }

  const resetRequest = { email: request.email, delivery: 'link' } as const;
  const result = await requestLegacyPasswordReset(deps.ports, client, resetRequest, deps.requesterOf(req), deps.engineOptions);
  // ACCOUNT_NOT_FOUND among them, unless the engine hides unknown accounts (it did the same work either way).
  if (!result.ok) return sendError(res, trafficOpsAnswerFor(result.error.code, request.email));
  sendAlert(res, 200, 'success', `Successfully sent password reset to email '${request.email}'`);
}
