import type { UserRef } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import { pipelineReplies } from '../redis/pipeline-replies.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { StoredResetToken } from './reset-token-record.js';

/*
 * A user's reset generation: a counter bumped by every issue and revocation, which kills every
 * secret issued under an older count. This version counts under a short key (userResetGeneration);
 * versions before it counted under legacyUserResetGeneration, and during a rolling upgrade servers
 * and workers of both run side by side. So a user who has the old counter keeps both in step: a
 * bump here moves the old one on too, and a string record notes the old count it was issued under,
 * so a bump by an older server (which knows only the old counter) kills it as well. A user without
 * the old counter (every user since the upgrade) costs the short key alone. Both keys carry the
 * user's hash tag: one slot, so MGET and the pipeline below are legal on Redis Cluster.
 */

export interface ResetGenerations {
  readonly generation: number;
  /** The old counter's count, when the user has one. */
  readonly legacyGeneration?: number;
}

/** What a bump counted, and the value of the key it read alongside (null: none asked, or none there). */
export interface ResetGenerationBump {
  readonly generations: ResetGenerations;
  readonly readAlongside: string | null;
}

/**
 * Bumps the user's generation (and the old counter, if the user has one). Two commands in one
 * round trip, a third for a user with the old counter. A concurrent bump by an older server between
 * them only makes the later of the two secrets the one that lives, as it should.
 */
export async function bumpResetGeneration(
  redis: RedisConnection,
  keys: RedisKeys,
  user: UserRef,
  {
    thenDelete,
    readAlongside,
  }: {
    /** A key of the user's (its slot) to delete in the same round trip, after the bump: what the bump made dead. */
    readonly thenDelete?: string;
    /** A key of the user's (its slot) read in the same command as the old counter: a second read for no second command. */
    readonly readAlongside?: string;
  } = {},
): Promise<ResetGenerationBump> {
  const legacyKey = keys.legacyUserResetGeneration(user);
  const pipeline = redis.pipeline().incr(keys.userResetGeneration(user));
  if (readAlongside === undefined) pipeline.get(legacyKey);
  else pipeline.mget(legacyKey, readAlongside);
  if (thenDelete !== undefined) pipeline.del(thenDelete);
  const [generation, read] = pipelineReplies(await pipeline.exec());
  // ioredis types pipeline replies as unknown: GET answers a string or null, MGET an array of them.
  const [legacy, alongside] = (readAlongside === undefined ? [read, null] : read) as [string | null, string | null];
  const counted = { generation: Number(generation) };
  if (legacy === null) return { generations: counted, readAlongside: alongside };
  return { generations: { ...counted, legacyGeneration: await redis.incr(legacyKey) }, readAlongside: alongside };
}

/** The user's two counts as Redis holds them (the short counter, the old one): one MGET, both in the user's slot. */
export type ResetGenerationCounts = readonly [current: string | null, legacy: string | null];

export function readResetGenerationCounts(redis: RedisConnection, keys: RedisKeys, user: UserRef): Promise<ResetGenerationCounts> {
  // ioredis types MGET's reply as (string | null)[]; with two keys it has two entries.
  return redis.mget(
    keys.userResetGeneration(user),
    keys.legacyUserResetGeneration(user),
  ) as Promise<unknown> as Promise<ResetGenerationCounts>;
}

/**
 * Whether a later bump killed the record: for a string, a count of either counter other than the
 * one it noted (none noted, none expected); for a hash of an earlier version, the old counter's.
 */
export function isSupersededAt(
  record: StoredResetToken & { readonly legacyHash: boolean },
  [current, legacy]: ResetGenerationCounts,
): boolean {
  if (record.legacyHash) return record.generation !== Number(legacy ?? 0);
  return record.generation !== Number(current ?? 0) || (record.legacyGeneration ?? 0) !== Number(legacy ?? 0);
}
