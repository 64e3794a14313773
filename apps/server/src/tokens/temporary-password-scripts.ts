/**
 * Verifies a code against a user's live temporary password (a hash at KEYS[1]) without
 * consuming it. ARGV: [1] the code's keyed hash, [2] now (ms), [3] max failed attempts.
 * A wrong code counts as a failure and locks the code at the limit. Returns the state:
 * 'active', 'mismatch', 'locked', 'used', 'expired' or 'unknown'.
 */
export const VERIFY_TEMPORARY_PASSWORD_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash', 'expiresAt')
  local state, codeHash, expiresAt = fields[1], fields[2], fields[3]
  if not state then return 'unknown' end
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

/** Consumes the user's code (KEYS[1]) if ARGV[1] is its hash and it is active and unexpired (ARGV[2]: now). */
export const CONSUME_TEMPORARY_PASSWORD_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash', 'expiresAt')
  local state, codeHash, expiresAt = fields[1], fields[2], fields[3]
  if not state or codeHash ~= ARGV[1] then return 'unknown' end
  if state ~= 'active' then return state end
  if tonumber(ARGV[2]) >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'used')
  return 'active'
`;

/**
 * Deletes the user's code (KEYS[1]) if it is still active; a used, locked or expired one stays as
 * a tombstone. Returns the deleted code's hash (to drop its index entry), or nil (null).
 */
export const REVOKE_TEMPORARY_PASSWORD_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash')
  if fields[1] ~= 'active' then return false end
  redis.call('DEL', KEYS[1])
  return fields[2]
`;
