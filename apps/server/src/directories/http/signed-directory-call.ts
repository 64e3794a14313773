import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.js';
import { RESET_SIGNATURE_HEADER, signPayload } from '../../signing/sign-payload.js';
import { DirectoryUnavailableError, type DirectoryUnavailableReason } from '../directory-unavailable-error.js';
import { REQUEST_ID_HEADER, type HttpDirectoryEndpoint } from './http-directory-protocol.js';

/** Far above any answer of the protocol (one account); bounds what a broken directory can make us buffer. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface DirectoryAnswer {
  readonly status: number;
  /** The body as text, read whole within the call's timeout. */
  readonly body: string;
}

/** What the caller read of an answer: a value, or why the answer is not one the protocol gives. */
export type AnswerReading<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: DirectoryUnavailableReason; readonly code?: string };

export interface SignedDirectoryCallOptions {
  /** The directory's name, for errors and logs. */
  readonly name: string;
  readonly url: string;
  /** The HMAC key, used as its UTF-8 bytes. */
  readonly secret: string;
  /** Bound on the whole call: connecting, sending, and reading the answer. */
  readonly timeoutMs: number;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => Date;
  readonly logger?: Pick<Logger, 'warn'> | undefined;
  /** Aborted on close(): in-flight calls end, later ones are refused. */
  readonly closed: AbortSignal;
}

/** `<url>/<endpoint>`, keeping the URL's path and query. */
function endpointUrl(url: string, endpoint: HttpDirectoryEndpoint): URL {
  const target = new URL(url);
  target.pathname = `${target.pathname.replace(/\/+$/, '')}/${endpoint}`;
  return target;
}

async function readBounded(response: Response): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await response.body.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failureOf(error: unknown, closed: AbortSignal): { reason: DirectoryUnavailableReason; code?: string } {
  if (closed.aborted) return { reason: 'unreachable', code: 'closed' };
  if (error instanceof Error && error.name === 'TimeoutError') return { reason: 'timeout' };
  // undici's "fetch failed" TypeError carries the socket's error (ECONNREFUSED, ENOTFOUND, …) as its cause.
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code === undefined ? { reason: 'unreachable' } : { reason: 'unreachable', code };
}

/**
 * One call of the protocol: a signed POST of `payload` as JSON, with a fresh request id, no redirect
 * followed, and the timeout over the whole exchange. Rejects with DirectoryUnavailableError when no
 * answer came (down, too slow, a redirect, an oversized body) or when `read` refuses the answer.
 * Neither the payload (it may hold a password) nor the answer reaches an error or a log line.
 */
export function signedDirectoryCall(options: SignedDirectoryCallOptions) {
  const { name, url, secret, timeoutMs, fetch, now, logger, closed } = options;

  function unavailable(endpoint: HttpDirectoryEndpoint, requestId: string, reason: DirectoryUnavailableReason, code?: string) {
    logger?.warn({ directory: name, endpoint, requestId, reason, code }, 'user directory call failed');
    return new DirectoryUnavailableError(name, reason, code);
  }

  return async function callDirectory<T>(
    endpoint: HttpDirectoryEndpoint,
    payload: Record<string, string>,
    read: (answer: DirectoryAnswer) => AnswerReading<T>,
  ): Promise<T> {
    const requestId = randomUUID();
    if (closed.aborted) throw unavailable(endpoint, requestId, 'unreachable', 'closed');
    const body = JSON.stringify(payload);
    let response: Response;
    let text: string | undefined;
    try {
      response = await fetch(endpointUrl(url, endpoint), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'user-agent': 'pwreset-directory/1',
          [RESET_SIGNATURE_HEADER]: signPayload(secret, body, now()),
          [REQUEST_ID_HEADER]: requestId,
        },
        body,
        // A redirect could carry the password somewhere the operator never configured.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closed]),
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        throw unavailable(endpoint, requestId, 'unexpected-status', `http-${response.status}`);
      }
      text = await readBounded(response);
    } catch (error) {
      if (error instanceof DirectoryUnavailableError) throw error;
      const { reason, code } = failureOf(error, closed);
      throw unavailable(endpoint, requestId, reason, code);
    }
    if (text === undefined) throw unavailable(endpoint, requestId, 'malformed-response', 'too-large');
    const reading = read({ status: response.status, body: text });
    if (!reading.ok) throw unavailable(endpoint, requestId, reading.reason, reading.code);
    return reading.value;
  };
}

export type CallDirectory = ReturnType<typeof signedDirectoryCall>;
