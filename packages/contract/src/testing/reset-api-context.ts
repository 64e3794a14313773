import type { Requester, ResetClient, ResetPorts } from '../engine/ports.js';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../password-policy.js';
import type { ResetApiContext } from '../router/trpc.js';

export interface TestCallerOptions {
  /** The application that authenticated the call; null (the default) for a public one. */
  readonly client?: ResetClient | null;
  /** Default: one documentation address (RFC 5737). */
  readonly requester?: Requester;
  readonly defaultPasswordPolicy?: PasswordPolicy;
  /** The access token's extra scopes (ADMIN_SCOPE); default none. */
  readonly scopes?: readonly string[];
}

/** The tRPC context the server builds for a call, over the given ports: for `appRouter.createCaller`. */
export function testResetApiContext(
  ports: ResetPorts,
  { client = null, requester = { ip: '192.0.2.1' }, defaultPasswordPolicy = DEFAULT_PASSWORD_POLICY, scopes = [] }: TestCallerOptions = {},
): ResetApiContext {
  return { ...ports, client, requester, accessTokenPresented: client !== null, defaultPasswordPolicy, scopes };
}
