import { Router } from 'express';
import type { LegacyDependencies } from '../legacy-dependencies.js';

/** Placeholder until the TeenQuotes API is written. */
export function teenquotesRoutes(_deps: LegacyDependencies): Router {
  return Router();
}
