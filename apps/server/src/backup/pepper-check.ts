import { PEPPER_KEY_ID, type KeyRing } from '../tokens/key-ring.js';

const CHECKED_TEXT = 'pwreset backup pepper check v1';

/**
 * What a backup's header carries to tell, before anything is written, whether it was made under the
 * key restoring it: a keyed hash of a fixed text, which says nothing of the key itself. `pepperCheck`
 * is the current key's (for TOKEN_PEPPER alone, as backups always held it).
 */
export function backupPepperCheck(keyRing: KeyRing, keyId?: string): string {
  return keyRing.hmac(CHECKED_TEXT, keyId);
}

/** The same check under every key of the ring, by key id: records of a backup may be hashed under any of them. */
export function backupKeyChecks(keyRing: KeyRing): Record<string, string> {
  return Object.fromEntries(keyRing.keys.map((tokenKey) => [tokenKey.id, backupPepperCheck(keyRing, tokenKey.id)]));
}

/**
 * The problems of restoring a backup whose header holds `checks` (by key id; a header from before key ids
 * holds `pepperCheck` alone, TOKEN_PEPPER's) under `keyRing`: each key both know must be the same key.
 */
export function backupKeyProblems(
  keyRing: KeyRing,
  header: { pepperCheck: string; keyChecks?: Record<string, string> | undefined },
): string[] {
  const checks = header.keyChecks ?? { [PEPPER_KEY_ID]: header.pepperCheck };
  return Object.entries(checks).flatMap(([keyId, check]) => {
    if (!keyRing.has(keyId) || backupPepperCheck(keyRing, keyId) === check) return [];
    return keyId === PEPPER_KEY_ID
      ? ['this backup was made under another TOKEN_PEPPER; restore it with the pepper it was made with']
      : [`this backup's key ${keyId} is not TOKEN_PEPPERS' key ${keyId}; restore it with the keys it was made with`];
  });
}
