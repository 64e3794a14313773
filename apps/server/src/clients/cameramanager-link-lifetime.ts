import type { RegistryFailure } from './client-registry.js';

/** Cameramanager's document promises links valid 1 to 3 days: a client serving it may not choose less. */
export const CAMERAMANAGER_MIN_TTL_SECONDS = 86_400;

/**
 * The refusal of settings that would break that promise: a client serving cameramanager with a
 * chosen link lifetime under a day. Null when the settings keep it; an unset lifetime is the
 * deployment's RESET_TOKEN_TTL, which the operator chooses for every client alike.
 */
export function cameramanagerLifetimeProblem(legacyApis: readonly string[], ttlSeconds: number | undefined): RegistryFailure | null {
  if (!legacyApis.includes('cameramanager') || ttlSeconds === undefined || ttlSeconds >= CAMERAMANAGER_MIN_TTL_SECONDS) return null;
  return {
    ok: false,
    reason: 'INVALID_SETTINGS',
    detail: 'a client serving cameramanager needs a link lifetime (--ttl) of 1d to 3d, as its document promises',
  };
}
