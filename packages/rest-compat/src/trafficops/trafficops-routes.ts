import { Router } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';

/** Placeholder until the TrafficOps API is written. */
export function trafficopsRoutes(_deps: LegacyDependencies): Router {
  return Router();
}
