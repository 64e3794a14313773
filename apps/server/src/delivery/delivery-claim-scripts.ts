// The delivery claim's scripts. Each touches one key, the delivery record of one job (KEYS[1],
// under the job's hash tag), so it is atomic and runs on Redis Cluster as is.

/**
 * Claims a delivery for one attempt, where SET NX GET cannot (at-most-once.ts claims by that one
 * command otherwise): to take over a claim of this process that never sent, and on a Redis older
 * than 7.0, which refuses NX with GET. ARGV: [1] the attempt's claim, [2] its lifetime in seconds,
 * [3] a claim this process knows never sent anything (or ''), which may be taken over.
 * Returns 1 when the key is now this attempt's; otherwise the record found there (`delivered`, or
 * another attempt's claim), so that the caller needs no read of its own first.
 *
 * Finding its own claim there counts as claimed: a claim whose reply was lost (Redis died after
 * writing it) is sent again by the client on reconnect, and must not read as somebody else's.
 */
export const CLAIM_DELIVERY_SCRIPT = `
  local current = redis.call('GET', KEYS[1])
  if current == 'delivered' then return current end
  if current == false or current == ARGV[1] or (ARGV[3] ~= '' and current == ARGV[3]) then
    redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
    return 1
  end
  return current
`;

/** Gives a claim up after a send that reached nobody. ARGV: [1] the claim. Only that claim is removed. */
export const RELEASE_DELIVERY_CLAIM_SCRIPT = `
  if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
  return 0
`;
