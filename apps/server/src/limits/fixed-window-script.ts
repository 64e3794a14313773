/**
 * Lua that takes one call from each of `count` fixed-window counters, KEYS[1..count], with ARGV
 * per counter its points then its window (ms), from ARGV[1]; it leaves in `refusedFor` how many
 * milliseconds the first exhausted counter's window still runs (0: every counter allowed the call).
 * Every counter counts the call (a refused one too), and the first call of a window opens it for
 * its duration. Each counter costs the same two commands whether or not its window is open (SET NX,
 * INCR), so the first request for an address does the same Redis work as a later one; a refusal
 * adds a PTTL. Within a script no key expires, so a counter SET found is still there for its INCR.
 * Shared by TAKE_FIXED_WINDOWS_SCRIPT and the reset-request intake (INTAKE_RESET_REQUEST_SCRIPT).
 */
export function takeFixedWindowsLua(count: string): string {
  return `
local refusedFor = 0
for index = 1, ${count} do
  local key = KEYS[index]
  local points = tonumber(ARGV[index * 2 - 1])
  redis.call('SET', key, 0, 'PX', ARGV[index * 2], 'NX')
  local count = redis.call('INCR', key)
  if count > points and refusedFor == 0 then refusedFor = redis.call('PTTL', key) end
end
`;
}

/**
 * Takes one call from each of several fixed-window counters, in one round trip (see
 * takeFixedWindowsLua); returns the milliseconds the first exhausted counter's window still runs.
 * KEYS: the counters, all in one hash slot. ARGV: per counter, its points then its window (ms).
 */
export const TAKE_FIXED_WINDOWS_SCRIPT = `${takeFixedWindowsLua('#KEYS')}
return refusedFor
`;
