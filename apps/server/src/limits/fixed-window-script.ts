/**
 * Takes one call from each of several fixed-window counters, in one round trip: every counter
 * counts the call (a refused one too, as rate-limiter-flexible counted it), the first call of a
 * window opens it for its duration, and the answer is how many milliseconds the first exhausted
 * counter's window still runs (0: every counter allowed the call).
 *
 * KEYS: the counters, all in one hash slot. ARGV: per counter, its points then its window (ms).
 * Each counter costs the same two commands whether or not its window is open (SET NX, INCR), so
 * the first request for an address does the same Redis work as a later one; a refusal adds a PTTL.
 * Within a script no key expires, so a counter SET found is still there for its INCR.
 */
export const TAKE_FIXED_WINDOWS_SCRIPT = `
local refusedFor = 0
for index, key in ipairs(KEYS) do
  local points = tonumber(ARGV[index * 2 - 1])
  redis.call('SET', key, 0, 'PX', ARGV[index * 2], 'NX')
  local count = redis.call('INCR', key)
  if count > points and refusedFor == 0 then refusedFor = redis.call('PTTL', key) end
end
return refusedFor
`;
