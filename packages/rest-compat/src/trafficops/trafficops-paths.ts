// How traffic_ops_golang's router places a request under /api/ (routing.Handler): a served
// version and a matching method+path reaches the handler; a served version and anything else
// reaches the catch-all 404 (there is no 405); an unknown or missing version is a 501.

export type TrafficOpsTarget =
  /** Not under /api/: another router's business. */
  | { readonly kind: 'elsewhere' }
  | { readonly kind: 'reset-password' }
  | { readonly kind: 'unknown-path'; readonly path: string }
  | { readonly kind: 'unsupported-version' };

/** Majors whose routes include user/reset_password; any minor of them is served (a deviation). */
const SERVED_MAJOR_VERSIONS: ReadonlySet<number> = new Set([3, 4, 5]);

/** Its route is `user/reset_password/?$` under `^api/<major>.<minor>/`, POST only. */
const RESET_PASSWORD_PATH = /^\/api\/[345]\.(?:0|[1-9]\d*)\/user\/reset_password\/?$/;

/** stringVersionToApiVersion: "<digits>.<digits>", anything after a further dot ignored. */
function majorVersionOf(segment: string | undefined): number | null {
  const match = /^(\d+)\.\d+(?:\..*)?$/.exec(segment ?? '');
  return match ? Number(match[1]) : null;
}

/** Go's r.URL.Path is percent-decoded; a malformed escape is kept as sent. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function trafficOpsTarget(method: string, path: string): TrafficOpsTarget {
  const segments = path.split('/');
  // Traffic Ops lower-cases this segment to decide whether a request is an API request.
  if (segments[1]?.toLowerCase() !== 'api') return { kind: 'elsewhere' };
  const major = majorVersionOf(segments[2]);
  if (major === null || !SERVED_MAJOR_VERSIONS.has(major)) return { kind: 'unsupported-version' };
  if (method === 'POST' && RESET_PASSWORD_PATH.test(path)) return { kind: 'reset-password' };
  return { kind: 'unknown-path', path: decodedPath(path) };
}
