import type { ClientDirectory } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { sharedRounds } from '../redis/shared-rounds.js';
import type { ClientSnapshots } from './client-snapshots.js';

/**
 * The engine's clients (the worker's mails and webhooks, inspect, complete, the legacy routes) from
 * clients kept in memory: a lookup reads the registry revision, not the client's record, and the
 * record only when the revision moved (client-snapshots.ts). The revision read is shared
 * (sharedRounds) by the lookups that arrive while one is under way, each served by a read begun
 * after it was called: a worker running 50 jobs at once reads one counter for many of them, and a
 * lookup still sees every registry write made before it began, as when each read the record.
 */
export function currentClientDirectory({
  redis,
  keys,
  snapshots,
}: {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** The process's clients kept in memory (shared with the access-token store). */
  readonly snapshots: ClientSnapshots;
}): ClientDirectory {
  const readRevision = sharedRounds(async () => (await redis.get(keys.clientRegistryRevision())) ?? '');
  return {
    async findById(clientId) {
      return (await snapshots.current(clientId, await readRevision()))?.client ?? null;
    },
  };
}
