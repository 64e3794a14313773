import { legacyRoutes, type LegacyDependencies } from '@pwreset/rest-compat';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { hostedResetPage } from '../hosted-page/hosted-reset-page.js';
import { healthRoutes, type Readiness } from './health-routes.js';
import { errorsAsJson, notFoundAsJson } from './json-errors.js';
import { corsForClientPages } from './cors-for-client-pages.js';
import { noStoreHeaders } from './no-store-headers.js';
import { requestId } from './request-id.js';
import { requesterOf } from './requester.js';
import { trpcRoute, type TrpcRouteOptions } from './trpc-route.js';
import { tokenEndpoint, type TokenEndpointOptions } from '../oauth/token-endpoint.js';
import { observeHttp, type HttpObservabilityOptions } from '../observability/observe-http.js';
import { isExpectedOutage } from '../observability/outage-log.js';

export interface AppDependencies extends TrpcRouteOptions, TokenEndpointOptions {
  /** Whether the service can serve: Redis answers, and which user directories do (see healthRoutes). */
  readonly readiness: () => Promise<Readiness>;
  /** Proxies whose X-Forwarded-For is believed (express's trust proxy); empty: none. */
  readonly trustProxy?: readonly string[];
  /** LEGACY_HIDE_UNKNOWN_ACCOUNTS. */
  readonly legacyHideUnknownAccounts?: boolean;
  /** Access log, HTTP metrics and /metrics (see observeHttp). */
  readonly observability?: Omit<HttpObservabilityOptions, 'logger'>;
}

function legacyDependencies(deps: AppDependencies): LegacyDependencies {
  return {
    ports: deps.ports,
    clients: deps.clients,
    accessTokens: deps.accessTokens,
    engineOptions: { hideUnknownAccounts: deps.legacyHideUnknownAccounts ?? false },
    requesterOf,
    logError: (error, context) => deps.logger.error({ err: error, context }, 'legacy route failed'),
  };
}

/** Builds the HTTP app without listening: tests mount it on any port, main.ts on the configured one. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from listed proxies, and only to learn the end user's IP
  // for throttles. Links are built from PUBLIC_BASE_URL, never from Host or X-Forwarded-Host.
  app.set('trust proxy', deps.trustProxy && deps.trustProxy.length > 0 ? [...deps.trustProxy] : false);
  app.use(requestId);
  app.use(observeHttp({ logger: deps.logger, ...deps.observability }));
  // Security headers on everything; the hosted page sets its own stricter CSP.
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(healthRoutes({ readiness: deps.readiness }));
  // Nothing this service answers belongs in a cache, and no page of ours may leak a Referer.
  app.use(noStoreHeaders);
  app.use(tokenEndpoint(deps));
  app.use('/trpc', corsForClientPages({ clients: deps.clients }), trpcRoute(deps));
  app.use(legacyRoutes(legacyDependencies(deps)));
  app.use(hostedResetPage());
  app.use(notFoundAsJson);
  app.use(errorsAsJson((error) => isExpectedOutage(error) || deps.logger.error({ err: error }, 'request failed')));
  return app;
}
