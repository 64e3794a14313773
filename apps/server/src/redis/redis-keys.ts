import type { UserRef } from '@pwreset/contract/engine';

/**
 * One user's hash tag: directory and id together, since SQL ids (1, 2, 3…) repeat across
 * directories. Unambiguous: a directory name is `[A-Za-z0-9][A-Za-z0-9_-]{0,63}` (no colon), so
 * the first colon ends it and everything after it is the id, whatever the id holds. An id holding
 * `}` ends Redis' hash tag early, but at the same place in every key of that user, so the user's
 * keys still share one slot; and the keys stay distinct, since each kind ends in its own suffix.
 */
function userTag({ directory, userId }: UserRef): string {
  return `${directory}:${userId}`;
}

/**
 * Every Redis key of the service. The part in braces is the hash tag: keys a single atomic
 * operation (one Lua script, one MULTI) touches share it, so the same code runs on Redis Cluster.
 * Today every script and MULTI touches one key; a user's keys share the user's tag all the same,
 * so that a later script over several of them (a user's record and its generation) stays legal.
 *
 * Keys by user changed with user directories (they were `user:{<id>}`, now `user:{<directory>:<id>}`):
 * data written before is not migrated. The embedded directory keeps its users in Redis, so a
 * deployment that had users there adds them again (`pnpm cli users add` / `users import`).
 */
/** The hash tag of the audit stream, of the reset-request throttles (see resetRequestThrottle) and of the request intake. */
const REQUEST_SLOT_TAG = 'stream';

export function redisKeys(prefix: string) {
  return {
    /** One reset secret, by its keyed hash. */
    resetToken: (secretHash: string) => `${prefix}:reset:{${secretHash}}`,
    /**
     * A counter bumped to kill all of a user's outstanding secrets at once. Short (`rg`), as each
     * user with a live secret has one: 16 bytes of Redis fewer per secret than the name before it.
     */
    userResetGeneration: (user: UserRef) => `${prefix}:rg:{${userTag(user)}}`,
    /**
     * The counter under its name before it was shortened, kept in step for the users who have it
     * (see tokens/reset-generation.ts): a rolling upgrade. Never created by this version.
     */
    legacyUserResetGeneration: (user: UserRef) => `${prefix}:user:{${userTag(user)}}:reset-generation`,
    /** A user's reset secrets by keyed hash, scored by expiry (ms), so an operator can list them (`resets list`). */
    userResetTokens: (user: UserRef) => `${prefix}:user:{${userTag(user)}}:reset-tokens`,
    /** An account of an embedded (`redis`) directory. */
    user: (user: UserRef) => `${prefix}:user:{${userTag(user)}}`,
    /** A user's one live temporary password (Antel) and its count of wrong attempts. */
    temporaryPassword: (user: UserRef) => `${prefix}:user:{${userTag(user)}}:temporary-password`,
    /** Temporary password → its user (directory and id), by the code's keyed hash, for lookups without an address. */
    userByTemporaryPassword: (codeHash: string) => `${prefix}:temporary-password:{${codeHash}}`,
    /** One dispute secret ("this wasn't me", mailed with "password changed"), by its keyed hash. */
    dispute: (secretHash: string) => `${prefix}:dispute:{${secretHash}}`,
    /** Until when a dispute blocks reset mails to the user (ms since the epoch); gone once it runs out or is lifted. */
    userDisputeLock: (user: UserRef) => `${prefix}:user:{${userTag(user)}}:dispute-lock`,
    /** One code flow (`method: "code"`), by its flow id's keyed hash: its code's keyed hash, client, user, state. */
    resetCodeFlow: (flowHash: string) => `${prefix}:reset-code-flow:{${flowHash}}`,
    /** The latest code flow of an address (a keyed hash of it, known account or not): a newer request ends the older. */
    resetCodeFlowByAddress: (addressHash: string) => `${prefix}:reset-code-flow-by-address:{${addressHash}}`,
    /** A user's code flows (their keyed hashes), for a completed reset to end them. */
    userResetCodeFlows: (user: UserRef) => `${prefix}:user:{${userTag(user)}}:reset-code-flows`,
    /**
     * Address → user id in one embedded directory; the address is hashed so key names carry no
     * personal data. The directory comes first, so the same address in two directories is two keys.
     */
    userIdByEmail: (directory: string, emailDigest: string) => `${prefix}:user-by-email:{${directory}:${emailDigest}}`,
    client: (clientId: string) => `${prefix}:client:{${clientId}}`,
    clientIds: () => `${prefix}:clients`,
    /**
     * Bumped after every write to any client's record, so a process may keep clients in memory and know,
     * from this one counter read beside the access token, whether they are still current (client-snapshots.ts).
     */
    clientRegistryRevision: () => `${prefix}:client-registry-revision`,
    clientIdByApiKey: (apiKeyHash: string) => `${prefix}:client-by-api-key:{${apiKeyHash}}`,
    /** The one client serving an unauthenticated legacy API (Traffic Ops). */
    legacyBinding: (api: string) => `${prefix}:legacy-binding:{${api}}`,
    /** Whether one job's mail or webhook was delivered (or is being sent), by idempotency key. */
    delivery: (idempotencyKey: string) => `${prefix}:delivery:{${idempotencyKey}}`,
    /** BullMQ's prefix: in braces, so every key of the queue shares one Redis Cluster slot. */
    queuePrefix: () => `{${prefix}-queue}`,
    /**
     * One throttle counter of reset requests (`address`, `client` or `ip`), by identity. The three of
     * a request are taken by one script, so they share one slot: the audit stream's, so that the same
     * script may later also write the request's audit entry.
     */
    resetRequestThrottle: (name: 'address' | 'client' | 'ip', identity: string) => `${prefix}:rl:{${REQUEST_SLOT_TAG}}:${name}:${identity}`,
    /** The throttle of inspect and complete calls of one IP, whatever the secret: a slot of its own. */
    secretAttemptThrottle: (ip: string) => `${prefix}:rl:secret-attempt-ip:{${ip}}`,
    /** The audit trail: one stream. */
    auditStream: () => `${prefix}:audit:{${REQUEST_SLOT_TAG}}`,
    /**
     * Reset requests accepted and not yet in BullMQ's queue: the intake script appends each, in the
     * slot of the throttles and the audit stream, and the workers move them on (see intake-mover.ts).
     */
    resetRequestIntake: () => `${prefix}:intake:{${REQUEST_SLOT_TAG}}`,
    /** Incremented before each WAIT, so the wait covers every write before it (see wait-for-replicas.ts). */
    replicationFence: () => `${prefix}:replication-fence`,
    /** One OAuth2 access token, by its keyed hash. */
    accessToken: (tokenHash: string) => `${prefix}:access-token:{${tokenHash}}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
