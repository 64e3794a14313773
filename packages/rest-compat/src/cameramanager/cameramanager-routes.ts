import { Router } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';

/** Placeholder until the Cameramanager API is written. */
export function cameramanagerRoutes(_deps: LegacyDependencies): Router {
  return Router();
}
