import { z } from 'zod';

// Which parameters of a token request may come in the query string of `POST /oauth/token`.
//
// Cameramanager's own guides send them there (developer.cameramanager.com, "OAuth email/password":
// `POST /oauth/token?grant_type=password&scope=write&…` with HTTP Basic), so its clients do. The
// grant type and the scope are no secret, so they are read from the query as well as from the body.
// Credentials never are: RFC 6749 §2.3.1 forbids client credentials in the request URI, which ends up
// in access logs, proxies and browser history, so one there is refused with invalid_request rather
// than ignored (ignoring it would leave the client believing the request was fine, secret and all).
//
// This endpoint also serves our own API's clients: it is one URL, and which API a client is for is
// only known after authenticating it, so the rule is the same for both. Accepting a non-secret
// parameter from the query costs our own clients nothing, and one URL keeps one behaviour.

/** Read from the query string as well as the body. */
const QUERY_PARAMETERS = ['grant_type', 'scope'] as const;
/** Refused in the query string: client authentication, and the password grant's user credentials. */
const CREDENTIAL_PARAMETERS = ['client_id', 'client_secret', 'username', 'password'] as const;

const queryStringSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const bodyObjectSchema = z.record(z.string(), z.unknown());

export type TokenRequestParameters =
  { readonly ok: true; readonly parameters: unknown } | { readonly ok: false; readonly description: string };

/** The body's parameters with `grant_type` and `scope` from the query added; or why the request is invalid. */
export function withQueryParameters(body: unknown, query: unknown): TokenRequestParameters {
  const parsedQuery = queryStringSchema.safeParse(query ?? {});
  if (!parsedQuery.success) return { ok: false, description: 'The query string could not be read.' };
  const fromQuery = parsedQuery.data;
  if (CREDENTIAL_PARAMETERS.some((name) => name in fromQuery)) {
    return {
      ok: false,
      description: 'Credentials must not be sent in the query string (RFC 6749 §2.3.1): use HTTP Basic or the request body.',
    };
  }
  const present = QUERY_PARAMETERS.filter((name) => fromQuery[name] !== undefined);
  if (present.length === 0) return { ok: true, parameters: body };
  const bodyObject = bodyObjectSchema.safeParse(body ?? {});
  // A body that is no object of parameters is refused by the caller's own schema.
  if (!bodyObject.success || Array.isArray(body)) return { ok: true, parameters: body };
  const merged: Record<string, unknown> = { ...bodyObject.data };
  for (const name of present) {
    const value = fromQuery[name];
    if (typeof value !== 'string') return { ok: false, description: `The ${name} parameter is repeated in the query string.` };
    if (merged[name] !== undefined && merged[name] !== value) {
      return { ok: false, description: `The ${name} parameter has one value in the query string and another in the body.` };
    }
    merged[name] = value;
  }
  return { ok: true, parameters: merged };
}
