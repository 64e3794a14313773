import type { LegacyApi, ResetClient } from '@pwreset/contract/engine';
import type { LegacyDependencies } from '../legacy-dependencies.js';

export type BearerClient =
  | { readonly status: 'ok'; readonly client: ResetClient }
  /** No token at all. */
  | { readonly status: 'missing' }
  /** A token that is unknown, expired, revoked or malformed. */
  | { readonly status: 'invalid' }
  /** A valid token of a client not allowed to use this legacy API. */
  | { readonly status: 'forbidden' };

/** The client behind an access token, and whether it may use this legacy API. */
export async function clientForAccessToken(deps: LegacyDependencies, token: string | undefined, api: LegacyApi): Promise<BearerClient> {
  if (token === undefined || token === '') return { status: 'missing' };
  if (token.length > 256) return { status: 'invalid' };
  const client = await deps.accessTokens.verify(token);
  if (!client) return { status: 'invalid' };
  return client.legacyApis.includes(api) ? { status: 'ok', client } : { status: 'forbidden' };
}

/** `Authorization: Bearer <token>` (RFC 6750 §2.1), or undefined. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1];
}
