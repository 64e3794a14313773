/** The operations Antel serves, by their ServiceStack request DTO (the names are ours). */
export type AntelOperation = 'ResetUserPassword' | 'ForgotUserPassword';

export type ResponseFormat = 'json' | 'jsv';

export type AntelPathMatch =
  | { readonly kind: 'operation'; readonly operation: AntelOperation; readonly suffixFormat?: ResponseFormat }
  /** Under Antel's prefix, but no operation: answered 404 in Antel's envelope. */
  | { readonly kind: 'unknown' };

const OPERATION_BY_NAME: Readonly<Record<string, AntelOperation>> = {
  reset: 'ResetUserPassword',
  forgot: 'ForgotUserPassword',
};

// ServiceStack routes match case-insensitively, and `/route.jsv` / `/route.json` ask for a format.
const OPERATION_PATH = /^\/user\/password\/([a-z]+)(?:\.(jsv|json))?\/?$/;
const PREFIX = /^\/user\/password(?:\/|$)/;

/**
 * Which Antel operation a path names; `null` when the path is not Antel's at all, so the router
 * hands it on: the server mounts every legacy API at the root.
 */
export function matchAntelPath(path: string): AntelPathMatch | null {
  const lower = path.toLowerCase();
  if (!PREFIX.test(lower)) return null;
  const match = OPERATION_PATH.exec(lower);
  const operation = match?.[1] === undefined ? undefined : OPERATION_BY_NAME[match[1]];
  if (!match || operation === undefined) return { kind: 'unknown' };
  const suffix = match[2];
  return suffix === 'jsv' || suffix === 'json' ? { kind: 'operation', operation, suffixFormat: suffix } : { kind: 'operation', operation };
}
