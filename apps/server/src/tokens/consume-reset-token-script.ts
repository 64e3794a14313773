/**
 * Atomically consumes one reset secret's record (a hash at KEYS[1]) if it is active and
 * unexpired. ARGV[1]: now, in milliseconds since the epoch. Returns the state before the call:
 * 'active' (consumed by this call), 'used', 'expired' or 'unknown'. One script, so atomic: of
 * concurrent calls with one secret exactly one sees 'active'. The record is kept (its TTL
 * unchanged) as a tombstone, so a second click can be told "already used".
 */
export const CONSUME_RESET_TOKEN_SCRIPT = `
  local fields = redis.call('HMGET', KEYS[1], 'state', 'expiresAt')
  local state, expiresAt = fields[1], fields[2]
  if not state then return 'unknown' end
  if state == 'used' then return 'used' end
  if tonumber(ARGV[1]) >= tonumber(expiresAt) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'used')
  return 'active'
`;
