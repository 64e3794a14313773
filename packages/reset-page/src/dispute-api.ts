// The one call of the "this wasn't me" page, over the reset page's fetch wrapper (see reset-api.ts).
// A module of its own, so the hosted link page loads none of it.
import type { DisputeOutput } from '@pwreset/contract';
import { apiCaller, failed, type ApiResult, type ResetApiClientOptions } from './reset-api.js';

export interface DisputeApiClient {
  /** Secures the account a dispute secret names (`passwordReset.dispute`); a POST, sent only on the user's click. */
  dispute(secret: string): Promise<ApiResult<DisputeOutput>>;
}

export function createDisputeApiClient(options: ResetApiClientOptions): DisputeApiClient {
  const call = apiCaller(options);
  return {
    async dispute(secret) {
      const result = await call('passwordReset.dispute', { token: secret });
      if (!result.ok) return result;
      const lockedUntil = typeof result.value === 'object' && result.value !== null ? Reflect.get(result.value, 'lockedUntil') : undefined;
      return typeof lockedUntil === 'string' ? { ok: true, value: { disputed: true, lockedUntil } } : failed('INTERNAL_ERROR');
    },
  };
}
