import { errorAnswer, type AntelAnswer, type ResponseError } from './antel-answer.js';
import type { AntelOperation } from './antel-paths.js';
import { answerForFailure } from './antel-error-table.js';

/** The 404 for an unknown path under /user/password; ServiceStack's text/plain "404", in the envelope. */
export const NOT_FOUND_ANSWER = errorAnswer(404, 'NotFound', 'Handler for Request not found');

/** ServiceStack's 400 when the body or a parameter cannot be bound to the request DTO. */
export const UNBINDABLE_ANSWER = answerForFailure({ code: 'INVALID_INPUT' });

export const UNSUPPORTED_MEDIA_TYPE_ANSWER = errorAnswer(415, 'UnsupportedMediaType', 'The request body must be JSON, JSV or a form.');

export const PAYLOAD_TOO_LARGE_ANSWER = answerForFailure({ code: 'PAYLOAD_TOO_LARGE' });

export const UNAUTHORIZED_ANSWER = answerForFailure({ code: 'UNAUTHORIZED' });

/** ServiceStack's ValidationError: 400, the first error's code and message on top, then every error. */
export function validationFailedAnswer(errors: readonly ResponseError[]): AntelAnswer {
  return errorAnswer(400, 'NotEmpty', 'Validation failed', { errors });
}

/**
 * ServiceStack's answer when a service has no method for the verb (NotImplementedException → 405),
 * with the Allow header HTTP requires. The method is an HTTP token (Node's parser checks), so
 * echoing it is safe.
 */
export function methodNotAllowedAnswer(method: string, operation: AntelOperation): AntelAnswer {
  const verb = method.slice(0, 1).toUpperCase() + method.slice(1, 32).toLowerCase();
  return errorAnswer(
    405,
    'NotImplementedException',
    `Could not find method named ${verb}(${operation}) or Any(${operation}) on Service UserPasswordService`,
    {
      headers: { Allow: 'POST' },
    },
  );
}
