/**
 * A Lua function `liveState(state, reservedUntil, now)` for the scripts of a record a completion
 * reserves while it writes the password: a reservation reads as `leasedState` while its lease
 * (`reservedUntil`) runs and as `active` again once it ran out, so a completion that crashed
 * mid-write does not kill the record. Any other state reads as itself.
 */
/** What a running reservation reads as: `used` for a temporary password, `ended` for a code flow. */
export type LeasedState = 'used' | 'ended';

export function liveStateLua(leasedState: LeasedState): string {
  return `
  local function liveState(state, reservedUntil, now)
    if state == 'reserved' then
      if now < tonumber(reservedUntil or '0') then return '${leasedState}' end
      return 'active'
    end
    return state
  end
`;
}

/**
 * Reserves a record (KEYS[1]) whose code hash is ARGV[1], if it is active (or its reservation's
 * lease ran out) and unexpired. ARGV: [2] now (ms), [3] the end of the new lease (ms). Returns the
 * state before the call: of concurrent calls exactly one sees 'active', the others `leasedState`.
 */
export function reserveByCodeHashScript(leasedState: LeasedState): string {
  return `${liveStateLua(leasedState)}
  local fields = redis.call('HMGET', KEYS[1], 'state', 'codeHash', 'expiresAt', 'reservedUntil')
  if not fields[1] or fields[2] ~= ARGV[1] then return 'unknown' end
  local state = liveState(fields[1], fields[4], tonumber(ARGV[2]))
  if state ~= 'active' then return state end
  if tonumber(ARGV[2]) >= tonumber(fields[3]) then return 'expired' end
  redis.call('HSET', KEYS[1], 'state', 'reserved', 'reservedUntil', ARGV[3])
  return 'active'
`;
}
