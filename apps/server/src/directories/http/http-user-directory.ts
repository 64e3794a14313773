import type { UserAccount } from '@pwreset/contract/engine';
import type { z } from 'zod';
import type { HttpUserDirectorySettings } from '../../config/user-directories/user-directories-schema.js';
import type { Logger } from '../../logger.js';
import { DirectoryUnavailableError } from '../directory-unavailable-error.js';
import type { ServedUserDirectory } from '../served-user-directory.js';
import { directoryUserSchema, findUserResponseSchema, verifyPasswordResponseSchema } from './http-directory-protocol.js';
import { signedDirectoryCall, type AnswerReading, type DirectoryAnswer } from './signed-directory-call.js';

export interface HttpUserDirectoryOptions {
  /** The directory's name in USER_DIRECTORIES_FILE, for errors, logs and readiness. */
  readonly name: string;
  readonly settings: Pick<HttpUserDirectorySettings, 'url' | 'secret' | 'timeoutMs'>;
  /** Default: Node's global fetch (undici). */
  readonly fetch?: typeof globalThis.fetch;
  /** Logs each failed call with its endpoint, request id and reason; never a body. Default: none. */
  readonly logger?: Pick<Logger, 'warn'>;
  readonly now?: () => Date;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function unexpectedStatus<T>({ status }: DirectoryAnswer): AnswerReading<T> {
  return { ok: false, reason: 'unexpected-status', code: `http-${status}` };
}

function readJson<S extends z.ZodType>(schema: S, answer: DirectoryAnswer): AnswerReading<z.output<S>> {
  const parsed = schema.safeParse(parseJson(answer.body));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'malformed-response' };
}

/** A 200 `{"user": null | {...}}`; a user without a usable id or address is a malformed account, never "no account". */
function readUser(answer: DirectoryAnswer, askedId?: string): AnswerReading<UserAccount | null> {
  if (answer.status !== 200) return unexpectedStatus(answer);
  const envelope = readJson(findUserResponseSchema, answer);
  if (!envelope.ok) return envelope;
  if (envelope.value.user === null) return { ok: true, value: null };
  const user = directoryUserSchema.safeParse(envelope.value.user);
  if (!user.success) return { ok: false, reason: 'malformed-account' };
  // Another account than the one asked for would have its password reset by mistake.
  if (askedId !== undefined && user.data.id !== askedId) return { ok: false, reason: 'malformed-account', code: 'other-id' };
  const { id, email, name, locale, disabled } = user.data;
  return { ok: true, value: { id, email, ...(name ? { name } : {}), ...(locale ? { locale } : {}), disabled: disabled === true } };
}

/**
 * An `http` directory: the application answers the protocol of README "HTTP user directories" at its
 * `url`; every call is signed with the directory's secret and bounded by its timeout. Any failure to
 * answer as the protocol says is a DirectoryUnavailableError (a 503), never "no such account".
 */
export function httpUserDirectory({
  name,
  settings,
  fetch = globalThis.fetch,
  logger,
  now = () => new Date(),
}: HttpUserDirectoryOptions): ServedUserDirectory {
  const closing = new AbortController();
  const callDirectory = signedDirectoryCall({ name, ...settings, fetch, now, logger, closed: closing.signal });

  return {
    async findByEmail(email) {
      const address = email.trim();
      if (address === '') return null;
      return callDirectory('find-by-email', { email: address }, (answer) => readUser(answer));
    },

    async findById(userId) {
      if (userId === '') return null;
      return callDirectory('find-by-id', { id: userId }, (answer) => readUser(answer, userId));
    },

    async verifyPassword(userId, password) {
      return callDirectory('verify-password', { id: userId, password }, (answer): AnswerReading<boolean> => {
        // "Not supported": the REUSED check is skipped, as for an account without a stored hash.
        if (answer.status === 404) return { ok: true, value: false };
        if (answer.status !== 200) return unexpectedStatus(answer);
        const verified = readJson(verifyPasswordResponseSchema, answer);
        return verified.ok ? { ok: true, value: verified.value.match } : verified;
      });
    },

    async setPassword(userId, password) {
      await callDirectory('set-password', { id: userId, password }, (answer): AnswerReading<void> => {
        if (answer.status === 204 || answer.status === 200) return { ok: true, value: undefined };
        // No such account: the password reached nobody, so the reset must not count as done.
        if (answer.status === 404) return { ok: false, reason: 'not-written', code: 'http-404' };
        return unexpectedStatus(answer);
      });
    },

    async checkHealth() {
      try {
        await callDirectory('health', {}, (answer): AnswerReading<void> =>
          answer.status === 200 ? { ok: true, value: undefined } : unexpectedStatus(answer),
        );
        return { status: 'ok' };
      } catch (error) {
        return { status: 'unavailable', reason: error instanceof DirectoryUnavailableError ? error.reason : 'unreachable' };
      }
    },

    async close() {
      closing.abort();
    },
  };
}
