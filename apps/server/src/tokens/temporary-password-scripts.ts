// Each script touches one key, a user's temporary password record (KEYS[1], under the user's
// hash tag), so it is atomic and runs on Redis Cluster as is. Time comes in from the caller (ARGV).

import { liveStateLua, reserveByCodeHashScript } from './lease-state-lua.js';

/** The state a record reads as, shared by the scripts below (a running reservation reads `used`). */
const LIVE_STATE = liveStateLua('used');

/**
 * Verifies a code against a user's live temporary password (a hash at KEYS[1]) without
 * consuming it. ARGV: [1] the code's keyed hash, [2] now (ms), [3] max failed attempts.
 * A wrong code counts as a failure and locks the code at the limit. Returns the state:
 * 'active', 'mismatch', 'locked', 'used', 'expired' or 'unknown'.
 */
export const VERIFY_TEMPORARY_PASSWORD_SCRIPT = `${LIVE_STATE}
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash', 'expiresAt', 'reservedUntil')
  local codeHash, expiresAt = fields[2], fields[3]
  if not fields[1] then return 'unknown' end
  local state = liveState(fields[1], fields[4], tonumber(ARGV[2]))
  if state ~= 'active' then return state end
  if tonumber(ARGV[2]) >= tonumber(expiresAt) then return 'expired' end
  if codeHash == ARGV[1] then return 'active' end
  local failures = redis.call('HINCRBY', KEYS[1], 'failedAttempts', 1)
  if failures >= tonumber(ARGV[3]) then
    redis.call('HSET', KEYS[1], 'state', 'locked')
    return 'locked'
  end
  return 'mismatch'
`;

/** Reserves the user's code (KEYS[1]) by its code hash, as reserveByCodeHashScript says. */
export const RESERVE_TEMPORARY_PASSWORD_SCRIPT = reserveByCodeHashScript('used');

/**
 * Returns the user's reserved code (KEYS[1]) to active if ARGV[1] is its hash; anything else is
 * left as it is. ARGV[2]: '1' when the failed write may have landed, which the record then keeps
 * (`writeUncertain`, never cleared by a later release) until the code is consumed or replaced.
 */
export const RELEASE_TEMPORARY_PASSWORD_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash')
  if fields[1] == 'reserved' and fields[2] == ARGV[1] then
    redis.call('HSET', KEYS[1], 'state', 'active')
    redis.call('HDEL', KEYS[1], 'reservedUntil')
    if ARGV[2] == '1' then redis.call('HSET', KEYS[1], 'writeUncertain', '1') end
  end
  return 0
`;

/**
 * Consumes the user's code (KEYS[1]) if ARGV[1] is its hash: a reserved one (its holder's, however
 * long the write took), or an active and unexpired one (ARGV[2]: now).
 */
export const CONSUME_TEMPORARY_PASSWORD_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash', 'expiresAt')
  local state, codeHash, expiresAt = fields[1], fields[2], fields[3]
  if not state or codeHash ~= ARGV[1] then return 'unknown' end
  if state ~= 'active' and state ~= 'reserved' then return state end
  if state == 'active' and tonumber(ARGV[2]) >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'used')
  redis.call('HDEL', KEYS[1], 'reservedUntil')
  return 'active'
`;

/**
 * Deletes the user's code (KEYS[1]) if it is still active or reserved (a completion of another
 * secret goes on without it); a used, locked or expired one stays as a tombstone. Returns the
 * deleted code's hash (to drop its index entry), or nil (null).
 */
export const REVOKE_TEMPORARY_PASSWORD_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash')
  if fields[1] ~= 'active' and fields[1] ~= 'reserved' then return false end
  redis.call('DEL', KEYS[1])
  return fields[2]
`;
