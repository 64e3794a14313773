import { DependencyUnavailableError } from '@pwreset/contract';

/**
 * Why a directory could not answer:
 * - `timeout`: slower than its timeout (the statement was cancelled, or the reply never came): the
 *   only reason whose call may have taken effect all the same (`outcomeUnknown`);
 * - `unreachable`: no connection (down, wrong address, refused credentials);
 * - `query-failed`: the store refused the statement (a missing table or column, a type mismatch);
 * - `malformed-account`: a row or reply without a usable id or address;
 * - `ambiguous-email`: several accounts match one address under the directory's match rule;
 * - `unknown-hash-format`: a stored password hash in none of the formats we know;
 * - `not-written`: a new password reached no account (it vanished between lookup and write);
 * - `unexpected-status`: an HTTP directory answered a status its protocol does not give (a 5xx, a 401, a redirect);
 * - `malformed-response`: an HTTP directory's answer is not the JSON its protocol describes.
 */
export const DIRECTORY_UNAVAILABLE_REASONS = [
  'timeout',
  'unreachable',
  'query-failed',
  'malformed-account',
  'ambiguous-email',
  'unknown-hash-format',
  'not-written',
  'unexpected-status',
  'malformed-response',
] as const;
export type DirectoryUnavailableReason = (typeof DIRECTORY_UNAVAILABLE_REASONS)[number];

/**
 * A user directory could not answer. A DependencyUnavailableError, so every route already answers it
 * as 503 SERVICE_UNAVAILABLE in its own envelope, never as "no such account". The message names the
 * directory, the reason and the driver's error code only: a driver's message can quote values.
 */
export class DirectoryUnavailableError extends DependencyUnavailableError {
  constructor(
    readonly directory: string,
    readonly reason: DirectoryUnavailableReason,
    /** The driver's error code (`57014`, `ECONNREFUSED`, `PROTOCOL_SEQUENCE_TIMEOUT`, `http-500`), when there is one. */
    readonly code?: string,
  ) {
    // A timeout is the one failure after which the call may still have taken effect: the request
    // went out and no answer came (or the statement was cancelled while it ran). A password write
    // failing so may have landed, and the engine remembers it on the secret it releases.
    super(`user directory "${directory}"`, { outcomeUnknown: reason === 'timeout' });
    this.name = 'DirectoryUnavailableError';
    this.message = `user directory "${directory}" is unavailable (${reason}${code ? `, ${code}` : ''})`;
  }
}
