import { Router } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';

/** Placeholder until the Antel API is written. */
export function antelRoutes(_deps: LegacyDependencies): Router {
  return Router();
}
