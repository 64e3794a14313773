import { takeFixedWindowsLua } from '../limits/fixed-window-script.js';

/** The number of a reset request's throttles (address, client, IP): the intake script's first KEYS. */
export const INTAKE_THROTTLE_COUNT = 3;

/**
 * One reset request's Redis work in one round trip (see redisResetRequestIntake): takes its three
 * throttles (takeFixedWindowsLua), writes its audit entry with outcome `accepted` or `throttled`, and,
 * when every throttle allowed it, appends its job to the intake stream. Returns the milliseconds the
 * first exhausted throttle still runs (0: accepted).
 *
 * KEYS: the three counters, the audit stream, the intake stream (one slot: see redisKeys' REQUEST_SLOT_TAG).
 * ARGV: points and window (ms) per counter; the audit stream's MAXLEN; the job's id, name and payload
 * (JSON); its trace context (JSON, or '' for none); then the audit entry's field-value pairs, whose
 * `outcome` says `accepted` and becomes `throttled` on a refusal. Nine commands when accepted, the
 * same for every address; a refusal replaces the intake's XADD with a PTTL.
 */
export const INTAKE_RESET_REQUEST_SCRIPT = `${takeFixedWindowsLua(String(INTAKE_THROTTLE_COUNT))}
local audit = {}
for index = 12, #ARGV, 2 do
  local value = ARGV[index + 1]
  if ARGV[index] == 'outcome' and refusedFor > 0 then value = 'throttled' end
  audit[#audit + 1] = ARGV[index]
  audit[#audit + 1] = value
end
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], '*', unpack(audit))
if refusedFor == 0 then
  if ARGV[11] == '' then
    redis.call('XADD', KEYS[5], '*', 'id', ARGV[8], 'name', ARGV[9], 'data', ARGV[10])
  else
    redis.call('XADD', KEYS[5], '*', 'id', ARGV[8], 'name', ARGV[9], 'data', ARGV[10], 'tm', ARGV[11])
  end
end
return refusedFor
`;
