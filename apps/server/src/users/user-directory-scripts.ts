// The embedded directory's scripts. Each touches one key, an account's hash (KEYS[1], under the
// account's hash tag), so it is atomic and runs on Redis Cluster as is.

/**
 * Sets an existing account's password hash: ARGV[1] the hash, ARGV[2] when it changed (ISO 8601),
 * and drops `passwordImported` (ours from now on: argon2id of the NFKC form). An account that is not
 * there is left so (HSET would create half an account that no lookup can read): 0; else 1. One round
 * trip, where a check and a write were two with a window between them in which the account could go.
 */
export const SET_PASSWORD_OF_EXISTING_ACCOUNT_SCRIPT = `
  if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
  redis.call('HSET', KEYS[1], 'passwordHash', ARGV[1], 'passwordChangedAt', ARGV[2])
  redis.call('HDEL', KEYS[1], 'passwordImported')
  return 1
`;
