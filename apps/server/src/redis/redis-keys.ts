/**
 * Every Redis key of the service. The part in braces is the hash tag: keys a single atomic
 * operation touches share it, so the same code runs on Redis Cluster.
 */
export function redisKeys(prefix: string) {
  return {
    /** One reset secret, by its keyed hash. */
    resetToken: (secretHash: string) => `${prefix}:reset:{${secretHash}}`,
    /** A counter bumped to kill all of a user's outstanding secrets at once. */
    userResetGeneration: (userId: string) => `${prefix}:user:{${userId}}:reset-generation`,
    user: (userId: string) => `${prefix}:user:{${userId}}`,
    /** A user's one live temporary password (Antel), by user. */
    temporaryPassword: (userId: string) => `${prefix}:user:{${userId}}:temporary-password`,
    /** Temporary password → user, by the code's keyed hash, for lookups without an address. */
    userIdByTemporaryPassword: (codeHash: string) => `${prefix}:temporary-password:{${codeHash}}`,
    /** Address → user id; the address is hashed so key names carry no personal data. */
    userIdByEmail: (emailDigest: string) => `${prefix}:user-by-email:{${emailDigest}}`,
    client: (clientId: string) => `${prefix}:client:{${clientId}}`,
    clientIds: () => `${prefix}:clients`,
    clientIdByApiKey: (apiKeyHash: string) => `${prefix}:client-by-api-key:{${apiKeyHash}}`,
    /** The one client serving an unauthenticated legacy API (Traffic Ops). */
    legacyBinding: (api: string) => `${prefix}:legacy-binding:{${api}}`,
    /** Whether one job's mail or webhook was delivered (or is being sent), by idempotency key. */
    delivery: (idempotencyKey: string) => `${prefix}:delivery:{${idempotencyKey}}`,
    /** BullMQ's prefix: in braces, so every key of the queue shares one Redis Cluster slot. */
    queuePrefix: () => `{${prefix}-queue}`,
    /** Prefix of the throttle counters (rate-limiter-flexible adds `:<name>:{<identity>}`). */
    rateLimitPrefix: () => `${prefix}:rl`,
    /** The audit trail: one stream. */
    auditStream: () => `${prefix}:audit:{stream}`,
    /** One OAuth2 access token, by its keyed hash. */
    accessToken: (tokenHash: string) => `${prefix}:access-token:{${tokenHash}}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
