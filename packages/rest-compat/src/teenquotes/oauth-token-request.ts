import type { TeenQuotesParameters } from './read-parameters.js';

/** What a token request itself can get wrong; the credentials are judged later (invalid_client). */
export type TokenRequestError = 'invalid_request' | 'unsupported_grant_type';

export type TokenRequest =
  | { readonly ok: true; readonly clientId: string; readonly clientSecret: string; readonly basicUsed: boolean }
  | { readonly ok: false; readonly error: TokenRequestError; readonly description: string };

/** league/oauth2-server 3.x's texts, which the Teen Quotes authentication document lists. */
export const OAUTH_DESCRIPTIONS = {
  invalidRequest: (parameter: string) =>
    `The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed. Check the "${parameter}" parameter.`,
  unsupportedGrantType: (grantType: string) => `The authorization grant type "${grantType}" is not supported by the authorization server`,
  invalidClient: 'Client authentication failed',
} as const;

/** A grant type longer than this is not echoed back: no grant has such a name. */
const MAX_ECHOED_GRANT_TYPE = 64;

/** `client_id:client_secret` from HTTP Basic, as PHP fills PHP_AUTH_USER and PHP_AUTH_PW. */
export function basicCredentialsOf(authorization: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const encoded = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(authorization ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

/**
 * A client credentials token request, checked in league/oauth2-server 3.x's order: `grant_type`
 * (missing → invalid_request; another → unsupported_grant_type), then `client_id` and
 * `client_secret`, each from the parameters or else from HTTP Basic (`getParam` reads the input
 * before PHP_AUTH_USER / PHP_AUTH_PW).
 */
export function readTokenRequest(parameters: TeenQuotesParameters, authorization: string | undefined): TokenRequest {
  const basic = basicCredentialsOf(authorization);
  const failure = (error: TokenRequestError, description: string): TokenRequest => ({ ok: false, error, description });
  const grantType = parameters.get('grant_type');
  if (grantType === undefined || grantType === '' || grantType.length > MAX_ECHOED_GRANT_TYPE) {
    return failure('invalid_request', OAUTH_DESCRIPTIONS.invalidRequest('grant_type'));
  }
  if (grantType !== 'client_credentials') return failure('unsupported_grant_type', OAUTH_DESCRIPTIONS.unsupportedGrantType(grantType));
  const clientId = parameters.get('client_id') ?? basic?.clientId;
  if (clientId === undefined) return failure('invalid_request', OAUTH_DESCRIPTIONS.invalidRequest('client_id'));
  const clientSecret = parameters.get('client_secret') ?? basic?.clientSecret;
  if (clientSecret === undefined) return failure('invalid_request', OAUTH_DESCRIPTIONS.invalidRequest('client_secret'));
  return { ok: true, clientId, clientSecret, basicUsed: basic !== undefined };
}
