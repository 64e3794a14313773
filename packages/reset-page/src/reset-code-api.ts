// The two calls of the code form, over the reset page's fetch wrapper (see reset-api.ts). A module
// of its own, so the hosted link page loads none of it.
import type { CompleteResetOutput, PasswordPolicyDescription } from '@pwreset/contract';
import { apiCaller, failed, policyFrom, type ApiResult, type ResetApiClientOptions } from './reset-api.js';

export interface ResetCodeApiClient {
  /**
   * Sets the new password with a code flow's id and mailed code. Only the application that
   * requested the flow may complete it: `apiBaseUrl` must reach a route of that application that
   * forwards the call with its access token (see mountResetCodeForm).
   */
  completeCode(flowId: string, code: string, password: string): Promise<ApiResult<CompleteResetOutput>>;
  /** The default password policy (`passwordReset.policy`), for a form that has no link to inspect. */
  policy(): Promise<ApiResult<PasswordPolicyDescription>>;
}

export function createResetCodeApiClient(options: ResetApiClientOptions): ResetCodeApiClient {
  const call = apiCaller(options);
  return {
    async completeCode(flowId, code, password) {
      const result = await call('passwordReset.complete', { flowId, code, password });
      return result.ok ? { ok: true, value: { completed: true } } : result;
    },
    async policy() {
      const result = await call('passwordReset.policy');
      if (!result.ok) return result;
      const policy = policyFrom(result.value);
      return policy ? { ok: true, value: policy } : failed('INTERNAL_ERROR');
    },
  };
}
