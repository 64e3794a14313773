import { Router } from 'express';
import { antelRoutes } from './antel/antel-routes.js';
import { cameramanagerRoutes } from './cameramanager/cameramanager-routes.js';
import type { LegacyDependencies } from './legacy-dependencies.js';
import { teenquotesRoutes } from './teenquotes/teenquotes-routes.js';
import { trafficopsRoutes } from './trafficops/trafficops-routes.js';

export type { AccessTokenShape, LegacyDependencies } from './legacy-dependencies.js';
export { LEGACY_MAX_BODY_BYTES } from './legacy-dependencies.js';

/** The four legacy APIs, each under its own documented paths, each in its own envelope. */
export function legacyRoutes(deps: LegacyDependencies): Router {
  const router = Router();
  router.use(cameramanagerRoutes(deps));
  router.use(trafficopsRoutes(deps));
  router.use(antelRoutes(deps));
  router.use(teenquotesRoutes(deps));
  return router;
}
