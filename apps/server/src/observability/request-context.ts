import { AsyncLocalStorage } from 'node:async_hooks';
import { routeTemplateOf, type RouteTemplate } from './route-templates.js';

/** What the service knows about the HTTP request (or the job) whose code is running. */
export interface RequestContext {
  /** Echoed as X-Request-Id, and on every log line of the request and of the jobs it queued. */
  readonly requestId: string;
  /**
   * The request's route template, worked out once on arrival (later routers mounted under a prefix
   * rewrite the URL), for the access log, the metrics and the spans; absent in jobs.
   */
  readonly route?: RouteTemplate;
  /** The calling application, once an access token, API key or engine call has named it. */
  clientId?: string;
  /** Audit actions the engine recorded for this request, so the edge can tell a refusal it never saw. */
  readonly auditedActions: Set<string>;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it starts) as part of the given request. */
export function runInRequestContext<T>(context: Omit<RequestContext, 'auditedActions'>, fn: () => T): T {
  return storage.run({ ...context, auditedActions: new Set() }, fn);
}

/** The request whose code is running, if any. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The route template of the request being answered: the one its context holds, else worked out now. */
export function requestRouteTemplate(req: { readonly path: string }): RouteTemplate {
  return storage.getStore()?.route ?? routeTemplateOf(req.path);
}

/** Binds a function to the current request, for callbacks that an event emitter runs outside it. */
export function bindToCurrentRequest<F extends (...args: never[]) => unknown>(fn: F): F {
  return AsyncLocalStorage.bind(fn);
}

/** The fields every log line carries (pino's mixin): the request id, when there is a request. */
export function requestLogFields(): { reqId?: string } {
  const requestId = storage.getStore()?.requestId;
  return requestId === undefined ? {} : { reqId: requestId };
}
