import type { Check } from './check.js';
import { TRPC_CHECKS } from './checks/trpc-checks.js';

/** Every check the kit knows, in the order they run. */
export const ALL_CHECKS: readonly Check[] = [...TRPC_CHECKS];
