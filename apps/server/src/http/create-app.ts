import express, { type Express } from 'express';
import { hostedResetPage } from '../hosted-page/hosted-reset-page.js';
import { healthRoutes } from './health-routes.js';
import { errorsAsJson, notFoundAsJson } from './json-errors.js';
import { noStoreHeaders } from './no-store-headers.js';
import { trpcRoute, type TrpcRouteOptions } from './trpc-route.js';
import { tokenEndpoint, type TokenEndpointOptions } from '../oauth/token-endpoint.js';

export interface AppDependencies extends TrpcRouteOptions, TokenEndpointOptions {
  /** Whether the service can serve: Redis answers. */
  readonly isReady: () => Promise<boolean>;
}

/** Builds the HTTP app without listening: tests mount it on any port, main.ts on the configured one. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  // Links are built from PUBLIC_BASE_URL, never from Host or X-Forwarded-*; no proxy is trusted by default.
  app.set('trust proxy', false);
  app.use(healthRoutes({ isReady: deps.isReady }));
  app.use(tokenEndpoint(deps));
  app.use('/trpc', noStoreHeaders, trpcRoute(deps));
  app.use(hostedResetPage());
  app.use(notFoundAsJson);
  app.use(errorsAsJson((error) => deps.logger.error({ err: error }, 'request failed')));
  return app;
}
