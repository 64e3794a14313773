/**
 * Atomically consumes one reset secret's record (a hash at KEYS[1]) if it is active and
 * unexpired. ARGV[1]: now, in milliseconds since the epoch. Returns the state before the call:
 * 'active' (consumed by this call), 'used', 'locked', 'expired' or 'unknown'. One script, so atomic: of
 * concurrent calls with one secret exactly one sees 'active'. The record is kept (its TTL
 * unchanged) as a tombstone, so a second click can be told "already used".
 */
export const CONSUME_RESET_TOKEN_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
  local state, expiresAt = fields[1], fields[2]
  if not state then return 'unknown' end
  if state ~= 'active' then return state end
  if tonumber(ARGV[1]) >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'used')
  return 'active'
`;

/**
 * Counts one failed attempt against an active secret (KEYS[1]) and locks it for good at
 * ARGV[1] failures. Returns 1 when the secret is locked (now or before), 0 otherwise.
 */
export const RECORD_FAILED_ATTEMPT_SCRIPT = `
  local state = redis.call('HGET', KEYS[1], 'state')
  if not state then return 0 end
  if state == 'locked' then return 1 end
  if state ~= 'active' then return 0 end
  local failures = redis.call('HINCRBY', KEYS[1], 'failedAttempts', 1)
  if failures >= tonumber(ARGV[1]) then
    redis.call('HSET', KEYS[1], 'state', 'locked')
    return 1
  end
  return 0
`;
