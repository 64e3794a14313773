import { RESET_SECRET_PATTERN } from '@pwreset/contract';
import {
  DEFAULT_SECRET_RESERVATION_SECONDS,
  type Clock,
  type ExpectedSecretOwner,
  type IssueResetSecretInput,
  type ResetTokenLookup,
  type ResetTokenStore,
  type UserRef,
} from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { pipelineReplies } from '../redis/pipeline-replies.js';
import { runScript, runScriptSaying } from '../redis/run-script.js';
import {
  CONSUME_RESET_TOKEN_SCRIPT,
  RECORD_FAILED_ATTEMPT_SCRIPT,
  RELEASE_RESET_TOKEN_SCRIPT,
  RESERVE_RESET_TOKEN_SCRIPT,
} from './consume-reset-token-script.js';
import { generateSecret } from './keyed-hash.js';
import type { KeyRing } from './key-ring.js';
import { storedResetTokenSchema, type StoredResetToken } from './reset-token-record.js';
import { decodeResetTokenRecord, encodeResetTokenRecord } from './reset-token-record-encoding.js';
import { runningResetLock } from '../disputes/reset-lock-record.js';
import {
  bumpResetGeneration,
  isSupersededAt,
  readResetGenerationCounts,
  type ResetGenerationCounts,
  type ResetGenerations,
} from './reset-generation.js';

export interface RedisResetTokenStoreOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** Keys of the HMAC that replaces each secret at rest: new secrets carry the current key's id. */
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  /**
   * How long, in seconds, a record outlives its secret's expiry, so that a late click can be
   * told "expired" or "already used" instead of "not valid". The secret itself stops working
   * at its expiry. Default: one day.
   */
  readonly tombstoneSeconds?: number;
  /**
   * How long, in seconds, a completion's reservation holds a secret while the directory writes
   * the password (see ResetTokenStore.reserve). Longer than any directory's timeout. Default 60.
   */
  readonly reservationSeconds?: number;
}

/** One issue in so many drops its user's expired index entries (see indexUserToken). */
export const INDEX_PRUNE_EVERY = 16;

type TokenState = 'active' | 'used' | 'locked' | 'expired' | 'unknown';

/** A record as read: `legacyHash` when an earlier version wrote it (a hash), whose generation is counted apart. */
type ReadRecord = StoredResetToken & { readonly legacyHash: boolean };

/** A user's generation counts, read beside a change of one of their secrets (see changeAndLook). */
interface CountsOf {
  readonly user: ExpectedSecretOwner;
  readonly counts: ResetGenerationCounts;
}

/** Redis' answer to GET on a hash: the record is of the form earlier versions wrote. */
const isWrongType = (error: unknown) => error instanceof Error && error.message.startsWith('WRONGTYPE');

/**
 * Reset secrets in Redis: only an HMAC of each secret is a key, the record (one compact string,
 * reset-token-record-encoding.ts) carries a TTL, and each change of state (reserve, release,
 * consume) is one Lua script on the record alone, so it is atomic. Records an earlier version wrote
 * as hashes are read and changed as such until they expire (a rolling upgrade). A per-user
 * generation counter (reset-generation.ts), keyed by directory and user id, kills all of a user's
 * older secrets in O(1) when a new one is issued or a reset completes.
 */
export function redisResetTokenStore({
  redis,
  keys,
  keyRing,
  clock,
  tombstoneSeconds = 86_400,
  reservationSeconds = DEFAULT_SECRET_RESERVATION_SECONDS,
}: RedisResetTokenStoreOptions): ResetTokenStore {
  // One HMAC, under the key the secret's stamp names: a rotation leaves older links working.
  const keyOf = (secret: string) => keys.resetToken(keyRing.digestOfStamped(secret));
  // The tokenId handed out is the keyed hash itself: safe to store, useless without the secret. Stamped with
  // its key id like a secret, 43 base64url characters like a secret: a secret's pattern fits it.
  const tokenIdPattern = RESET_SECRET_PATTERN;

  async function readRecord(key: string): Promise<ReadRecord | null> {
    try {
      const value = await redis.get(key);
      return value === null ? null : { ...decodeResetTokenRecord(value), legacyHash: false };
    } catch (error) {
      if (!isWrongType(error)) throw error;
      const fields = await redis.hgetall(key);
      return Object.keys(fields).length === 0 ? null : { ...storedResetTokenSchema.parse(fields), legacyHash: true };
    }
  }

  /** `readAlongside`: the counts of the user the caller expected, read with the change (see ExpectedSecretOwner). */
  async function toLookup(state: TokenState, record: ReadRecord | null, readAlongside?: CountsOf): Promise<ResetTokenLookup> {
    if (state !== 'active' || record === null) return { status: state === 'active' ? 'unknown' : state };
    const counts =
      readAlongside && readAlongside.user.directory === record.directory && readAlongside.user.userId === record.userId
        ? readAlongside.counts
        : await readResetGenerationCounts(redis, keys, record);
    if (isSupersededAt(record, counts)) return { status: 'superseded' };
    return {
      status: 'active',
      record: {
        userId: record.userId,
        directory: record.directory,
        clientId: record.clientId,
        issuedAt: new Date(record.issuedAt),
        expiresAt: new Date(record.expiresAt),
        writeUncertain: record.writeUncertain === '1',
      },
    };
  }

  /** As the scripts decide: a reservation reads as `used` while its lease runs, and as `active` once it ran out. */
  function stateOf(record: ReadRecord | null): TokenState {
    if (record === null) return 'unknown';
    const now = clock.now().getTime();
    if (record.state === 'reserved' && now < record.reservedUntil) return 'used';
    if (record.state !== 'active' && record.state !== 'reserved') return record.state;
    return now >= record.expiresAt ? 'expired' : 'active';
  }

  /**
   * The lookup after a reservation or a consumption: the script's state, and with 'active' the record as
   * it wrote it (a string record), so it is not read again; a hash of an earlier version ('') is read.
   */
  async function lookupAfterChange(key: string, reply: unknown, readAlongside?: CountsOf): Promise<ResetTokenLookup> {
    // ioredis types a script's reply as unknown: a state, or ['active', <record written>].
    if (!Array.isArray(reply)) return toLookup(reply as TokenState, null);
    const [, written] = reply as [TokenState, unknown];
    const record =
      typeof written === 'string' && written.length > 0 ? { ...decodeResetTokenRecord(written), legacyHash: false } : await readRecord(key);
    return toLookup('active', record, readAlongside);
  }

  /**
   * Runs a change of state (a script on the secret's record) and, with `expected`, reads that user's
   * counts at once: sent together on one connection, Redis runs the read after the script, as a read
   * sent after its reply would be. Not when the script's text had to be sent (NOSCRIPT: a restarted
   * or failed-over Redis): it then ran after the read, so the counts are read again, after it. On a
   * cluster (another node) a bump that finished before both were sent is seen either way, and one
   * racing them may be ordered either side, as it may be anyway.
   */
  async function changeAndLook(key: string, script: string, args: ReadonlyArray<string | number>, expected?: ExpectedSecretOwner) {
    if (expected === undefined) return lookupAfterChange(key, await runScript(redis, script, [key], args));
    const [{ reply, resent }, counts] = await Promise.all([
      runScriptSaying(redis, script, [key], args),
      readResetGenerationCounts(redis, keys, expected),
    ]);
    return lookupAfterChange(key, reply, resent ? undefined : { user: expected, counts });
  }

  async function stateAndRecord(key: string): Promise<[TokenState, ReadRecord | null]> {
    const record = await readRecord(key);
    return [stateOf(record), record];
  }

  /**
   * Adds a secret to its user's index (one sorted set in the user's slot, beside the generation). The
   * set lives as long as this secret: a new secret kills every older one (the generation), so none
   * outlives it in a working state. Entries already expired are dropped at one issue in
   * INDEX_PRUNE_EVERY (by the generation the issue counted), not at each: until then they are at most
   * that many entries of a user who keeps asking, which the per-address throttle bounds, and every
   * other issue costs two commands instead of three. Listing reads only unexpired entries anyway.
   */
  async function indexUserToken(user: UserRef, tokenId: string, expiresAtMs: number, generation: number): Promise<void> {
    const index = keys.userResetTokens(user);
    const pipeline = redis.pipeline().zadd(index, expiresAtMs, tokenId);
    if (generation % INDEX_PRUNE_EVERY === 0) pipeline.zremrangebyscore(index, '-inf', clock.now().getTime());
    pipelineReplies(await pipeline.pexpireat(index, expiresAtMs).exec());
  }

  /** Writes a new secret's record and indexes it, under the generations its bump counted. */
  async function issueUnder(generations: ResetGenerations, { userId, directory, clientId, expiresAt }: IssueResetSecretInput) {
    const secret = keyRing.stamp(generateSecret());
    const tokenId = keyRing.digestOfStamped(secret);
    const issuedAt = clock.now().getTime();
    const record: StoredResetToken = {
      userId,
      directory,
      clientId,
      issuedAt,
      expiresAt: expiresAt.getTime(),
      ...generations,
      state: 'active',
      reservedUntil: 0,
      failedAttempts: 0,
    };
    const lifetimeMs = Math.max(1, expiresAt.getTime() - issuedAt);
    await redis.set(keys.resetToken(tokenId), encodeResetTokenRecord(record), 'PX', lifetimeMs + tombstoneSeconds * 1000);
    await indexUserToken({ directory, userId }, tokenId, expiresAt.getTime(), generations.generation);
    return { secret, tokenId, expiresAt };
  }

  return {
    async issue(input) {
      // Bumping the generation first kills every older secret before the new one exists.
      const { generations } = await bumpResetGeneration(redis, keys, input);
      return issueUnder(generations, input);
    },

    async issueUnlessResetsLocked(input) {
      // The lock is in the user's slot too: read in the bump's command that reads the old counter.
      const bump = await bumpResetGeneration(redis, keys, input, { readAlongside: keys.userDisputeLock(input) });
      const lockedUntil = runningResetLock(bump.readAlongside, clock.now().getTime());
      if (lockedUntil !== null) return { status: 'dispute-locked', lockedUntil };
      return { status: 'issued', ...(await issueUnder(bump.generations, input)) };
    },

    async inspectById(tokenId) {
      if (!tokenIdPattern.test(tokenId)) return { status: 'unknown' };
      const record = await readRecord(keys.resetToken(tokenId));
      return toLookup(stateOf(record), record);
    },

    async inspect(secret) {
      const record = await readRecord(keyOf(secret));
      return toLookup(stateOf(record), record);
    },

    async reserve(secret, expected) {
      const now = clock.now().getTime();
      return changeAndLook(keyOf(secret), RESERVE_RESET_TOKEN_SCRIPT, [now, now + reservationSeconds * 1000], expected);
    },

    async release(secret, options = {}) {
      await runScript(redis, RELEASE_RESET_TOKEN_SCRIPT, [keyOf(secret)], [options.writeUncertain ? '1' : '0']);
    },

    async consume(secret, expected) {
      return changeAndLook(keyOf(secret), CONSUME_RESET_TOKEN_SCRIPT, [clock.now().getTime()], expected);
    },

    async recordFailedAttempt(secret, maxFailedAttempts) {
      // ioredis types a script's reply as unknown; this one returns 0 or 1.
      const locked = (await runScript(redis, RECORD_FAILED_ATTEMPT_SCRIPT, [keyOf(secret)], [maxFailedAttempts])) as number;
      return { locked: locked === 1 };
    },

    async revokeAllForUser(user) {
      // Every indexed secret is dead once the generation moved; the index would only list what lists as
      // nothing. Deleted in the bump's own round trip, after it.
      await bumpResetGeneration(redis, keys, user, { thenDelete: keys.userResetTokens(user) });
    },

    async listActiveForUser(user) {
      const tokenIds = await redis.zrangebyscore(keys.userResetTokens(user), clock.now().getTime() + 1, '+inf');
      const lookups = await Promise.all(tokenIds.map(async (tokenId) => toLookup(...(await stateAndRecord(keys.resetToken(tokenId))))));
      return lookups
        .flatMap((lookup) => (lookup.status === 'active' ? [lookup.record] : []))
        .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
    },
  };
}
