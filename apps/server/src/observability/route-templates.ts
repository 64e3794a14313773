import { appRouter } from '@pwreset/contract/router';

/** Which reset operation a route starts, so the edge can count the refusals the engine never saw. */
export type ResetOperation = 'request' | 'complete';

export interface RouteTemplate {
  /** The path as a template: a bounded label value that never holds an id, an address or a query. */
  readonly route: string;
  /** The API it belongs to: `trpc`, one of the four legacy APIs, `oauth`, `page` or `ops`. */
  readonly api: string;
  readonly operation?: ResetOperation;
}

/** Routes of the operator's own: left out of the access log, kept out of nobody's metrics. */
export const OPERATIONS_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

const TRPC_OPERATIONS: Readonly<Record<string, ResetOperation>> = {
  'passwordReset.request': 'request',
  'passwordReset.complete': 'complete',
};
const TRPC_PROCEDURES: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));

/** Legacy and fixed routes, matched on the path alone (methods vary; a wrong one is still that route). */
const FIXED_ROUTES: readonly { readonly pattern: RegExp; readonly template: RouteTemplate }[] = [
  { pattern: /^\/oauth\/token\/?$/, template: { route: '/oauth/token', api: 'oauth' } },
  {
    pattern: /^\/rest\/v2\.0\/passwordResets\/?$/,
    template: { route: '/rest/v2.0/passwordResets', api: 'cameramanager', operation: 'request' },
  },
  {
    pattern: /^\/api\/[^/]+\/user\/reset_password\/?$/i,
    template: { route: '/api/{version}/user/reset_password', api: 'trafficops', operation: 'request' },
  },
  {
    pattern: /^\/user\/password\/forgot(?:\.(?:json|jsv))?\/?$/i,
    template: { route: '/user/password/forgot', api: 'antel', operation: 'request' },
  },
  {
    pattern: /^\/user\/password\/reset(?:\.(?:json|jsv))?\/?$/i,
    template: { route: '/user/password/reset', api: 'antel', operation: 'complete' },
  },
  { pattern: /^\/v1\/password\/remind\/?$/, template: { route: '/v1/password/remind', api: 'teenquotes', operation: 'request' } },
  { pattern: /^\/v1\/password\/reset\/?$/, template: { route: '/v1/password/reset', api: 'teenquotes', operation: 'complete' } },
  { pattern: /^\/oauth\/?$/, template: { route: '/oauth', api: 'teenquotes' } },
  { pattern: /^\/reset\/?$/, template: { route: '/reset', api: 'page' } },
  { pattern: /^\/reset\/assets\/.+$/, template: { route: '/reset/assets/{file}', api: 'page' } },
  { pattern: /^\/secure\/?$/, template: { route: '/secure', api: 'page' } },
  { pattern: /^\/(?:healthz|readyz|metrics)$/, template: { route: '', api: 'ops' } },
];

/**
 * The route template of a request path (without its query). Anything we do not serve is
 * `{unmatched}`, so a scanner walking random paths cannot grow the metrics without bound.
 */
export function routeTemplateOf(path: string): RouteTemplate {
  if (path.startsWith('/trpc/')) {
    const procedure = path.slice('/trpc/'.length);
    if (!TRPC_PROCEDURES.has(procedure)) return { route: procedure.includes(',') ? '/trpc/{batch}' : '/trpc/{unknown}', api: 'trpc' };
    const operation = TRPC_OPERATIONS[procedure];
    return operation ? { route: path, api: 'trpc', operation } : { route: path, api: 'trpc' };
  }
  for (const { pattern, template } of FIXED_ROUTES) {
    if (!pattern.test(path)) continue;
    return template.api === 'ops' ? { route: path, api: 'ops' } : template;
  }
  return { route: '{unmatched}', api: 'none' };
}
