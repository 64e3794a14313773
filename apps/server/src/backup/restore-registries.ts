import { storedClientFields } from '../clients/stored-client.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { embeddedUserEmailKey } from '../users/redis-user-directory.js';
import type { ClientRecord, UserRecord } from './backup-records.js';
import type { ParsedBackup } from './parse-backup.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';

export interface RestoreRegistriesOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** Overwrite records that exist under the same id (and legacy bindings held by another client). */
  readonly replace: boolean;
}

export interface RestoreSummary {
  readonly clients: number;
  readonly legacyBindings: number;
  readonly users: number;
}

const clientFields = ({ kind: _kind, version: _version, clientId: _clientId, ...stored }: ClientRecord) => storedClientFields(stored);

/** A user's hash fields are the record's own (they are stored as strings): all but the record's framing. */
const userFields = ({
  kind: _kind,
  version: _version,
  directory: _directory,
  userId: _userId,
  ...stored
}: UserRecord): Record<string, string> =>
  Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => entry[1] !== undefined));

/**
 * What in Redis stands in the way, read before anything is written. Without --replace, any record of the
 * file that exists is a conflict. With it, records under the same id are overwritten; an address that
 * belongs to another user id, or an API key index pointing at another client, is a conflict either way,
 * since overwriting it would orphan a record the file does not hold.
 */
export async function findRestoreConflicts(backup: ParsedBackup, { redis, keys, replace }: RestoreRegistriesOptions): Promise<string[]> {
  const conflicts: string[] = [];
  for (const client of backup.clients) {
    if (!replace && (await redis.exists(keys.client(client.clientId))) === 1) conflicts.push(`client ${client.clientId} exists`);
    const holder = client.revokedAt === undefined ? await redis.get(keys.clientIdByApiKey(client.apiKeyHash)) : null;
    if (holder !== null && holder !== client.clientId)
      conflicts.push(`the API key of client ${client.clientId} is indexed to another client`);
  }
  for (const binding of backup.legacyBindings) {
    const holder = await redis.get(keys.legacyBinding(binding.api));
    if (!replace && holder !== null && holder !== binding.clientId) conflicts.push(`${binding.api} is served by client ${holder}`);
  }
  for (const user of backup.users) {
    if (!replace && (await redis.exists(keys.user(user))) === 1) conflicts.push(`user ${user.userId} of "${user.directory}" exists`);
    const holder = await redis.get(embeddedUserEmailKey(keys, user.directory, user.email));
    // The user id only: the address is never printed.
    if (holder !== null && holder !== user.userId)
      conflicts.push(`the address of user ${user.userId} of "${user.directory}" belongs to user ${holder}`);
  }
  return conflicts;
}

/**
 * Writes a checked backup. Each record's hash is replaced whole in one MULTI (one key, so one slot), then
 * its indexes are set; no MULTI spans keys, which Redis Cluster would refuse.
 */
export async function restoreRegistries(backup: ParsedBackup, { redis, keys }: RestoreRegistriesOptions): Promise<RestoreSummary> {
  for (const client of backup.clients) {
    const key = keys.client(client.clientId);
    const previousApiKeyHash = await redis.hget(key, 'apiKeyHash');
    await redis.multi().del(key).hset(key, clientFields(client)).exec();
    await redis.sadd(keys.clientIds(), client.clientId);
    if (previousApiKeyHash !== null && previousApiKeyHash !== client.apiKeyHash) {
      // The replaced record's API key must not keep finding the client through a stale index entry.
      if ((await redis.get(keys.clientIdByApiKey(previousApiKeyHash))) === client.clientId)
        await redis.del(keys.clientIdByApiKey(previousApiKeyHash));
    }
    if (client.revokedAt === undefined) await redis.set(keys.clientIdByApiKey(client.apiKeyHash), client.clientId);
  }
  // Running servers holding clients in memory read the restored records at their next request.
  await redis.incr(keys.clientRegistryRevision());
  for (const binding of backup.legacyBindings) await redis.set(keys.legacyBinding(binding.api), binding.clientId);
  for (const user of backup.users) {
    const key = keys.user(user);
    const previousEmail = await redis.hget(key, 'email');
    await redis.multi().del(key).hset(key, userFields(user)).exec();
    if (previousEmail !== null) {
      const previousEmailKey = embeddedUserEmailKey(keys, user.directory, previousEmail);
      if ((await redis.get(previousEmailKey)) === user.userId) await redis.del(previousEmailKey);
    }
    await redis.set(embeddedUserEmailKey(keys, user.directory, user.email), user.userId);
  }
  return { clients: backup.clients.length, legacyBindings: backup.legacyBindings.length, users: backup.users.length };
}
