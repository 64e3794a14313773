/**
 * Swaps fields of one client's hash, all or none, only while each still holds what the caller read:
 * KEYS[1] the client's hash; ARGV triples of field, expected value, new value. Returns 1 when it
 * swapped, 0 when any field had changed (a rotation, a revocation, or another request's re-hash won).
 * Used to re-hash a credential under the current key: the old hash works until this instant, the new
 * one from it on, so no request sees neither.
 */
export const SWAP_CLIENT_FIELDS_IF_UNCHANGED_SCRIPT = `
for i = 1, #ARGV, 3 do
  if redis.call('HGET', KEYS[1], ARGV[i]) ~= ARGV[i + 1] then return 0 end
end
for i = 1, #ARGV, 3 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 2])
end
return 1
`;
