import type { Check } from './check.js';
import { ANTEL_CHECKS } from './checks/antel-checks.js';
import { CAMERAMANAGER_CHECKS } from './checks/cameramanager-checks.js';
import { CLIENT_CHECKS } from './checks/client-checks.js';
import { TEENQUOTES_CHECKS } from './checks/teenquotes-checks.js';
import { TRAFFICOPS_CHECKS } from './checks/trafficops-checks.js';
import { TRPC_CHECKS } from './checks/trpc-checks.js';

/** Every check the kit knows, in the order they run. */
export const ALL_CHECKS: readonly Check[] = [
  ...TRPC_CHECKS,
  ...CLIENT_CHECKS,
  ...CAMERAMANAGER_CHECKS,
  ...TRAFFICOPS_CHECKS,
  ...ANTEL_CHECKS,
  ...TEENQUOTES_CHECKS,
];
