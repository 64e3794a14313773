import { RESET_TOKEN_RECORD_LUA } from './reset-token-record-lua.js';

// Each script touches one key, a secret's record (KEYS[1]), so it is atomic and runs on Redis
// Cluster as is. Time comes in from the caller's clock (ARGV), as everywhere in the service. The
// record is a format-1 string or, if an earlier version issued it, a hash: RESET_TOKEN_RECORD_LUA
// reads and writes either.

/**
 * Atomically reserves one reset secret's record (KEYS[1]) if it is active and unexpired, or
 * reserved under a lease that ran out. ARGV[1]: now, ARGV[2]: the end of the new lease, both in
 * milliseconds since the epoch. Returns the state before the call: 'active' (reserved by this
 * call), 'used' (also for a reservation whose lease still runs: a double submit normally ends
 * used), 'locked', 'expired' or 'unknown'. Of concurrent calls with one secret exactly one sees
 * 'active', which comes as { 'active', <the record as written> } ('' for a hash of an earlier version):
 * the caller needs the record, and need not read it again.
 */
export const RESERVE_RESET_TOKEN_SCRIPT = `${RESET_TOKEN_RECORD_LUA}
  local record = readRecord(KEYS[1])
  if not record then return 'unknown' end
  local now = tonumber(ARGV[1])
  if record.state == 'reserved' then
    if now < record.reservedUntil then return 'used' end
  elseif record.state ~= 'active' then
    return record.state
  end
  if now >= record.expiresAt then return 'expired' end
  record.state, record.reservedUntil = 'reserved', tonumber(ARGV[2])
  return { 'active', writeRecord(KEYS[1], record) }
`;

/**
 * Returns a reserved secret (KEYS[1]) to active; any other state is left as it is. ARGV[1]: '1'
 * when the failed write may have landed, which the record then keeps (`writeUncertain`, never
 * cleared by a later release) until it is consumed; '0' otherwise.
 */
export const RELEASE_RESET_TOKEN_SCRIPT = `${RESET_TOKEN_RECORD_LUA}
  local record = readRecord(KEYS[1])
  if record and record.state == 'reserved' then
    record.state, record.reservedUntil = 'active', 0
    if ARGV[1] == '1' then record.writeUncertain = true end
    writeRecord(KEYS[1], record)
  end
  return 0
`;

/**
 * Atomically consumes one reset secret's record (KEYS[1]): a reserved one (its holder's, however
 * long the write took), or an active and unexpired one. ARGV[1]: now, in milliseconds since the
 * epoch. Returns the state before the call: 'active' (consumed by this call), 'used', 'locked',
 * 'expired' or 'unknown'. Of concurrent calls with one secret exactly one sees 'active', which comes
 * as { 'active', <the record written> }, as from the reservation. The record is kept (its TTL
 * unchanged) as a tombstone, so a second click can be told "already used".
 */
export const CONSUME_RESET_TOKEN_SCRIPT = `${RESET_TOKEN_RECORD_LUA}
  local record = readRecord(KEYS[1])
  if not record then return 'unknown' end
  if record.state ~= 'active' and record.state ~= 'reserved' then return record.state end
  if record.state == 'active' and tonumber(ARGV[1]) >= record.expiresAt then return 'expired' end
  record.state, record.reservedUntil = 'used', 0
  return { 'active', writeRecord(KEYS[1], record) }
`;

/**
 * Counts one failed attempt against an active secret (KEYS[1]) and locks it for good at
 * ARGV[1] failures. Returns 1 when the secret is locked (now or before), 0 otherwise. A reserved
 * secret counts nothing: its password is being written.
 */
export const RECORD_FAILED_ATTEMPT_SCRIPT = `${RESET_TOKEN_RECORD_LUA}
  local record = readRecord(KEYS[1])
  if not record then return 0 end
  if record.state == 'locked' then return 1 end
  if record.state ~= 'active' then return 0 end
  record.failedAttempts = record.failedAttempts + 1
  local locked = record.failedAttempts >= tonumber(ARGV[1])
  if locked then record.state = 'locked' end
  writeRecord(KEYS[1], record)
  return locked and 1 or 0
`;
