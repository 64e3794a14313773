/**
 * What the bench needs to know of the peer server without loading better-auth: where its entry
 * point is, which addresses it seeded, and its routes. One source for the server and the bench.
 */

/** The built entry point the bench runs as a child process (`node …/main.js`). */
export const PEER_SERVER_SCRIPT = new URL('./main.js', import.meta.url);

/** better-auth's own route for a reset request, under its default `basePath` of `/api/auth`. */
export const REQUEST_PASSWORD_RESET_PATH = '/api/auth/request-password-reset';

/**
 * Ours, not better-auth's: `{"version": "1.7.25", "mails": n}`, the better-auth version running and
 * how many reset mails its no-op callback has been handed so far.
 */
export const PEER_STATS_PATH = '/peer/stats';

/** Ours: answers 200 once the schema is migrated and the users are seeded. */
export const HEALTH_PATH = '/healthz';

/** The n-th seeded account's address (0-based): every one of them is a known address. */
export function peerUserEmail(n: number): string {
  return `peer-user-${n}@example.com`;
}
