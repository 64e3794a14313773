// Each script touches one key, a secret's record (KEYS[1]), so it is atomic and runs on Redis
// Cluster as is. Time comes in from the caller's clock (ARGV), as everywhere in the service.

/**
 * Atomically reserves one reset secret's record (a hash at KEYS[1]) if it is active and unexpired,
 * or reserved under a lease that ran out. ARGV[1]: now, ARGV[2]: the end of the new lease, both in
 * milliseconds since the epoch. Returns the state before the call: 'active' (reserved by this
 * call), 'used' (also for a reservation whose lease still runs: a double submit normally ends
 * used), 'locked', 'expired' or 'unknown'. Of concurrent calls with one secret exactly one sees
 * 'active'.
 */
export const RESERVE_RESET_TOKEN_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt', 'reservedUntil')
  local state, expiresAt, reservedUntil = fields[1], fields[2], fields[3]
  if not state then return 'unknown' end
  local now = tonumber(ARGV[1])
  if state == 'reserved' then
    if now < tonumber(reservedUntil or '0') then return 'used' end
  elseif state ~= 'active' then
    return state
  end
  if now >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'reserved', 'reservedUntil', ARGV[2])
  return 'active'
`;

/**
 * Returns a reserved secret (KEYS[1]) to active; any other state is left as it is. ARGV[1]: '1'
 * when the failed write may have landed, which the record then keeps (`writeUncertain`, never
 * cleared by a later release) until it is consumed; '0' otherwise.
 */
export const RELEASE_RESET_TOKEN_SCRIPT = `
  if redis.call('HGET', KEYS[1], 'state') == 'reserved' then
    redis.call('HSET', KEYS[1], 'state', 'active')
    redis.call('HDEL', KEYS[1], 'reservedUntil')
    if ARGV[1] == '1' then redis.call('HSET', KEYS[1], 'writeUncertain', '1') end
  end
  return 0
`;

/**
 * Atomically consumes one reset secret's record (KEYS[1]): a reserved one (its holder's, however
 * long the write took), or an active and unexpired one. ARGV[1]: now, in milliseconds since the
 * epoch. Returns the state before the call: 'active' (consumed by this call), 'used', 'locked',
 * 'expired' or 'unknown'. Of concurrent calls with one secret exactly one sees 'active'. The
 * record is kept (its TTL unchanged) as a tombstone, so a second click can be told "already used".
 */
export const CONSUME_RESET_TOKEN_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
  local state, expiresAt = fields[1], fields[2]
  if not state then return 'unknown' end
  if state ~= 'active' and state ~= 'reserved' then return state end
  if state == 'active' and tonumber(ARGV[1]) >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'used')
  redis.call('HDEL', KEYS[1], 'reservedUntil')
  return 'active'
`;

/**
 * Counts one failed attempt against an active secret (KEYS[1]) and locks it for good at
 * ARGV[1] failures. Returns 1 when the secret is locked (now or before), 0 otherwise. A reserved
 * secret counts nothing: its password is being written.
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
