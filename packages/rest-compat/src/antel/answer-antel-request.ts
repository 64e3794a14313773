import type { Request } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import type { AntelAnswer } from './antel-answer.js';
import type { AntelPathMatch } from './antel-paths.js';
import {
  methodNotAllowedAnswer,
  NOT_FOUND_ANSWER,
  PAYLOAD_TOO_LARGE_ANSWER,
  UNBINDABLE_ANSWER,
  UNSUPPORTED_MEDIA_TYPE_ANSWER,
} from './antel-transport-answers.js';
import { bindAntelDto, forgotUserPasswordSchema, resetUserPasswordSchema } from './bind-antel-dto.js';
import { forgotUserPassword } from './forgot-user-password.js';
import { readAntelFields } from './read-antel-fields.js';
import { resetUserPassword } from './reset-user-password.js';

const ANSWER_BY_READ_FAILURE = {
  TOO_LARGE: PAYLOAD_TOO_LARGE_ANSWER,
  UNSUPPORTED_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE_ANSWER,
  UNBINDABLE: UNBINDABLE_ANSWER,
} as const;

/**
 * One request under /user/password, through ServiceStack's pipeline: route and verb, binding
 * the request DTO (JSON, JSV, form, query string), then the operation (authentication,
 * validation, the service). Throws only what is unexpected (the router's error handler answers).
 */
export async function answerAntelRequest(deps: LegacyDependencies, req: Request, match: AntelPathMatch): Promise<AntelAnswer> {
  if (match.kind === 'unknown') return NOT_FOUND_ANSWER;
  if (req.method !== 'POST') return methodNotAllowedAnswer(req.method, match.operation);
  const read = await readAntelFields(req);
  if (!read.ok) return ANSWER_BY_READ_FAILURE[read.reason];
  if (match.operation === 'ResetUserPassword') {
    const dto = bindAntelDto(resetUserPasswordSchema, read.fields);
    return dto ? resetUserPassword(deps, req, dto) : UNBINDABLE_ANSWER;
  }
  const dto = bindAntelDto(forgotUserPasswordSchema, read.fields);
  return dto ? forgotUserPassword(deps, req, dto) : UNBINDABLE_ANSWER;
}
