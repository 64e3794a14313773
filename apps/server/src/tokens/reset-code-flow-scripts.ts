// Each script touches one key, a code flow's record (KEYS[1], under the flow's own hash tag), so it
// is atomic and runs on Redis Cluster as is. Time comes in from the caller's clock (ARGV).

import { liveStateLua, reserveByCodeHashScript } from './lease-state-lua.js';

/** The state a record reads as, shared by the scripts below (a running reservation reads `ended`). */
const LIVE_STATE = liveStateLua('ended');

/**
 * Checks a code against a flow (a hash at KEYS[1]). ARGV: [1] the calling client's id, [2] the
 * code's keyed hash, [3] now (ms), [4] max wrong codes. Another client's flow is 'unknown' and
 * counts nothing. A flow that already had the maximum of wrong codes is 'locked', even for the
 * right one. The attempt is counted before the comparison, so no number of concurrent tries gets
 * past the cap; a right code gives its attempt back. What is compared are two keyed hashes (never
 * the code), so the comparison's time tells nothing about the code. Returns 'active', 'mismatch',
 * 'locked', 'ended', 'expired' or 'unknown'.
 */
export const VERIFY_RESET_CODE_SCRIPT = `${LIVE_STATE}
  local fields = redis.call('HMGET', KEYS[1], 'state', 'clientId', 'codeHash', 'expiresAt', 'reservedUntil', 'failedAttempts')
  if not fields[1] or fields[2] ~= ARGV[1] then return 'unknown' end
  local now = tonumber(ARGV[3])
  local state = liveState(fields[1], fields[5], now)
  if state ~= 'active' then return state end
  if now >= tonumber(fields[4]) then return 'expired' end
  local maximum = tonumber(ARGV[4])
  if tonumber(fields[6] or '0') >= maximum then
    redis.call('HSET', KEYS[1], 'state', 'locked')
    return 'locked'
  end
  local failures = redis.call('HINCRBY', KEYS[1], 'failedAttempts', 1)
  if fields[3] == ARGV[2] then
    redis.call('HINCRBY', KEYS[1], 'failedAttempts', -1)
    return 'active'
  end
  if failures >= maximum then redis.call('HSET', KEYS[1], 'state', 'locked') end
  return 'mismatch'
`;

/**
 * Gives an active (not reserved), unexpired flow (KEYS[1]) its code and its user. ARGV: [1] the
 * code's keyed hash, [2] the user's directory, [3] the user's id, [4] now (ms). Returns the flow's
 * expiry (ms, as a string), or false (nil) when the flow no longer works.
 */
export const ISSUE_RESET_CODE_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
  if fields[1] ~= 'active' or tonumber(ARGV[4]) >= tonumber(fields[2]) then return false end
  redis.call('HSET', KEYS[1], 'codeHash', ARGV[1], 'directory', ARGV[2], 'userId', ARGV[3])
  return fields[2]
`;

/** Reserves a flow (KEYS[1]) by its code hash, as reserveByCodeHashScript says. */
export const RESERVE_RESET_CODE_SCRIPT = reserveByCodeHashScript('ended');

/**
 * Ends a flow (KEYS[1]) as used: a reserved one (its holder's, however long the write took), or an
 * active and unexpired one (ARGV[1]: now). Returns the state before: exactly one caller sees 'active'.
 */
export const CONSUME_RESET_CODE_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
  local state = fields[1]
  if not state then return 'unknown' end
  if state ~= 'active' and state ~= 'reserved' then return state end
  if state == 'active' and tonumber(ARGV[1]) >= tonumber(fields[2]) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'ended')
  redis.call('HDEL', KEYS[1], 'reservedUntil')
  return 'active'
`;

/**
 * Counts a failed attempt (a refused password) on an active, unexpired flow (KEYS[1]) and locks it
 * at the maximum. ARGV: [1] now (ms), [2] the maximum. Returns 1 when the flow is locked, else 0.
 */
export const RECORD_FAILED_RESET_CODE_ATTEMPT_SCRIPT = `${LIVE_STATE}
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt', 'reservedUntil')
  if not fields[1] then return 0 end
  local state = liveState(fields[1], fields[3], tonumber(ARGV[1]))
  if state == 'locked' then return 1 end
  if state ~= 'active' or tonumber(ARGV[1]) >= tonumber(fields[2]) then return 0 end
  local failures = redis.call('HINCRBY', KEYS[1], 'failedAttempts', 1)
  if failures >= tonumber(ARGV[2]) then
    redis.call('HSET', KEYS[1], 'state', 'locked')
    return 1
  end
  return 0
`;

/**
 * Ends a flow (KEYS[1]) that is active or reserved: a newer request for its address, or a
 * completed reset of its user, replaced it. A locked or ended flow stays as it is.
 */
export const END_RESET_CODE_FLOW_SCRIPT = `
  local state = redis.call('HGET', KEYS[1], 'state')
  if state == 'active' or state == 'reserved' then redis.call('HSET', KEYS[1], 'state', 'ended') end
  return 0
`;
