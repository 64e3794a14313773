import { passwordPolicySchema } from '@pwreset/contract';
import { z } from 'zod';
import { probe } from './http-probe.js';

/**
 * Whether the base URL is this service at all: its liveness answer and its policy procedure.
 * Without this, pointing the kit at the wrong host would list a screenful of failures instead of
 * one clear sentence.
 */
export async function identifyService(
  fetchImplementation: typeof fetch,
  baseUrl: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const health = await probe(fetchImplementation, `${baseUrl}/healthz`);
    if (!z.object({ status: z.literal('ok') }).safeParse(health.json).success) {
      return { ok: false, reason: `${baseUrl}/healthz did not answer {"status":"ok"} (status ${health.status})` };
    }
    const policy = await probe(fetchImplementation, `${baseUrl}/trpc/passwordReset.policy`);
    if (!z.object({ result: z.object({ data: passwordPolicySchema }) }).safeParse(policy.json).success) {
      return { ok: false, reason: `${baseUrl}/trpc/passwordReset.policy is not this service's policy procedure (status ${policy.status})` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `${baseUrl} cannot be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
}
