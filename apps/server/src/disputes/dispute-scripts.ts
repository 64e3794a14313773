// Each script touches one key (KEYS[1]), so it is atomic and runs on Redis Cluster as is. Time
// comes in from the caller's clock (ARGV), as everywhere in the service.

/**
 * Atomically marks one dispute secret's record (a hash at KEYS[1]) used, if it is active and
 * unexpired. ARGV[1]: now, in milliseconds since the epoch. Returns the state before the call:
 * 'active' (used by this call), 'used', 'expired' or 'unknown'. Of concurrent calls with one
 * secret exactly one sees 'active'.
 */
export const CONSUME_DISPUTE_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
  local state, expiresAt = fields[1], fields[2]
  if not state then return 'unknown' end
  if state ~= 'active' then return state end
  if tonumber(ARGV[1]) >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'used')
  return 'active'
`;

/**
 * Sets a user's reset lock (a string at KEYS[1]: its end, in milliseconds since the epoch) to
 * ARGV[1], unless a lock already runs longer: a second dispute never shortens the first. ARGV[2]:
 * the key's time to live in milliseconds, so Redis forgets the lock once it ran out.
 */
export const LOCK_RESETS_SCRIPT = `
  local current = tonumber(redis.call('GET', KEYS[1]) or '0')
  if tonumber(ARGV[1]) <= current then return 0 end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
`;
