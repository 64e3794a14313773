// The two tRPC procedures the page calls, over plain fetch in tRPC v11's non-batched wire format:
// `POST /trpc/<path>` with the input as the JSON body; `{ result: { data } }` or `{ error: { data: { resetCode } } }`.
// Codes and shapes are the contract's, imported as types only: the browser loads none of its code (nor zod).
import type { CompleteResetOutput, InspectResetOutput, PasswordPolicyDescription, PasswordRefusalReason } from '@pwreset/contract';
import { isResetPageFailureCode, type ResetPageFailureCode } from './failure-codes.js';

export interface ResetPageFailure {
  readonly code: ResetPageFailureCode;
  /** Why the password was refused, when `code` is PASSWORD_REJECTED. */
  readonly reasons: readonly PasswordRefusalReason[];
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ResetPageFailure };

/** `passwordReset.inspect`'s answer: what the link is for and the policy the password must meet. */
export type ResetLinkDetails = InspectResetOutput;

export interface ResetApiClient {
  /** Whether the secret still works, and what for. Never consumes it. */
  inspect(secret: string): Promise<ApiResult<ResetLinkDetails>>;
  /** Sets the new password; the secret dies on success only. */
  complete(secret: string, password: string): Promise<ApiResult<CompleteResetOutput>>;
}

export interface ResetApiClientOptions {
  /** Origin (optionally with a path) of the reset service; `/trpc/...` is appended. */
  readonly apiBaseUrl: string;
  readonly fetch: typeof fetch;
  /** How long to wait for an answer before reporting NETWORK_ERROR. Default 20 000 ms. */
  readonly timeoutMs?: number;
}

export function createResetApiClient(options: ResetApiClientOptions): ResetApiClient {
  const callMutation = apiCaller(options);
  return {
    async inspect(secret) {
      const result = await callMutation('passwordReset.inspect', { token: secret });
      if (!result.ok) return result;
      const details = linkDetailsFrom(result.value);
      return details ? { ok: true, value: details } : failed('INTERNAL_ERROR');
    },
    async complete(secret, password) {
      const result = await callMutation('passwordReset.complete', { token: secret, password });
      return result.ok ? { ok: true, value: { completed: true } } : result;
    },
  };
}

/** Calls one procedure: a mutation with `input` as its JSON body, or a query (GET) without. */
export function apiCaller({ apiBaseUrl, fetch, timeoutMs = 20_000 }: ResetApiClientOptions) {
  const base = apiBaseUrl.replace(/\/+$/, '');
  return async function call(procedure: string, input?: object): Promise<ApiResult<unknown>> {
    let response: Response;
    try {
      response = await fetch(`${base}/trpc/${procedure}`, {
        ...(input ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) } : {}),
        // The secret travels only in this body: no cookies, no cache, no Referer.
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return failed('NETWORK_ERROR');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && isRecord(body) && isRecord(body['result']) && 'data' in body['result']) {
      return { ok: true, value: body['result']['data'] };
    }
    return { ok: false, failure: failureFrom(response.status, body) };
  };
}

/** Reads our closed code from an error body; falls back on the status for proxies' pages. */
export function failureFrom(status: number, body: unknown): ResetPageFailure {
  const data = isRecord(body) && isRecord(body['error']) ? body['error']['data'] : undefined;
  const resetCode = isRecord(data) ? data['resetCode'] : undefined;
  if (typeof resetCode === 'string') {
    const reasons = isRecord(data) && Array.isArray(data['reasons']) ? data['reasons'].filter(isRefusalReason) : [];
    // An input the API cannot read here can only be a mangled secret.
    if (resetCode === 'INVALID_INPUT') return { code: 'TOKEN_INVALID', reasons: [] };
    return { code: isResetPageFailureCode(resetCode) ? resetCode : 'INTERNAL_ERROR', reasons };
  }
  if (status === 429) return { code: 'TOO_MANY_REQUESTS', reasons: [] };
  if (status === 502 || status === 503 || status === 504) return { code: 'SERVICE_UNAVAILABLE', reasons: [] };
  return { code: 'INTERNAL_ERROR', reasons: [] };
}

export function failed(code: ResetPageFailureCode): { ok: false; failure: ResetPageFailure } {
  return { ok: false, failure: { code, reasons: [] } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The contract's reasons as the page's run-time check; the compiler keeps the two lists equal. */
const KNOWN_REFUSAL_REASONS = {
  TOO_SHORT: true,
  TOO_LONG: true,
  COMMON: true,
  CONTEXTUAL: true,
  REUSED: true,
  BREACHED: true,
} as const satisfies Record<PasswordRefusalReason, true>;

function isRefusalReason(value: unknown): value is PasswordRefusalReason {
  return typeof value === 'string' && Object.hasOwn(KNOWN_REFUSAL_REASONS, value);
}

/** The link details from an answer, or null when it lacks a part the page shows; reasons newer than the page are dropped. */
function linkDetailsFrom(value: unknown): ResetLinkDetails | null {
  if (!isRecord(value)) return null;
  const { expiresAt, maskedEmail, applicationName } = value;
  if (typeof expiresAt !== 'string' || typeof maskedEmail !== 'string' || typeof applicationName !== 'string') return null;
  const policy = policyFrom(value['policy']);
  return policy ? { expiresAt, maskedEmail, applicationName, policy } : null;
}

/** A policy description from an answer, or null when it lacks a part the page uses; reasons newer than the page are dropped. */
export function policyFrom(value: unknown): PasswordPolicyDescription | null {
  if (!isRecord(value)) return null;
  const { minLength, maxLength, maxBytes, refusesCommonPasswords, refusesContextWords, refusesCurrentPassword, reasons } = value;
  if (typeof minLength !== 'number' || typeof maxLength !== 'number' || !Array.isArray(reasons)) return null;
  // A byte limit the page cannot read is one it cannot honour: better no form than one that misleads.
  if (maxBytes !== undefined && typeof maxBytes !== 'number') return null;
  if (
    typeof refusesCommonPasswords !== 'boolean' ||
    typeof refusesContextWords !== 'boolean' ||
    typeof refusesCurrentPassword !== 'boolean'
  ) {
    return null;
  }
  return {
    minLength,
    maxLength,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    refusesCommonPasswords,
    refusesContextWords,
    refusesCurrentPassword,
    reasons: reasons.filter(isRefusalReason),
  };
}
