import { EXCLUSIVE_LEGACY_APIS } from '../clients/client-registry.js';
import { storedClientSchema } from '../clients/stored-client.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { WebhookSigningKeySealer } from '../signing/webhook-signing-key-sealing.js';
import { storedUserSchema } from '../users/redis-user-directory.js';
import { BACKUP_FORMAT_VERSION, type ClientRecord, type LegacyBindingRecord, type UserRecord } from './backup-records.js';
import { everyNode } from '../redis/every-node.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';

export interface ReadRegistriesOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** REDIS_KEY_PREFIX: users have no index set, so they are found by SCAN over their key pattern. */
  readonly keyPrefix: string;
  readonly sealer: WebhookSigningKeySealer;
}

/** A record in Redis that its schema refuses: the backup stops rather than leave it out. Names the key's kind and id, never a value. */
export class UnreadableStoredRecordError extends Error {
  constructor(what: string) {
    super(`${what} in Redis is not a record this version reads; fix or remove it, then back up again`);
    this.name = 'UnreadableStoredRecordError';
  }
}

/** SCAN pages: large enough for few round trips, small enough not to hold Redis up on a huge keyspace. */
const SCAN_COUNT = 1000;

/** A glob matching the prefix literally (SCAN's MATCH treats these characters as patterns). */
function globLiteral(text: string): string {
  return text.replace(/[\\*?[\]]/g, (character) => `\\${character}`);
}

/** Every client, through the registry's own index set (never KEYS). A legacy clear webhook key is sealed here. */
async function* readClients({ redis, keys, sealer }: ReadRegistriesOptions): AsyncGenerator<ClientRecord> {
  const ids = (await redis.smembers(keys.clientIds())).sort();
  for (const clientId of ids) {
    const fields = await redis.hgetall(keys.client(clientId));
    if (Object.keys(fields).length === 0) continue;
    const parsed = storedClientSchema.safeParse(fields);
    if (!parsed.success) throw new UnreadableStoredRecordError(`client ${clientId}`);
    const { webhookSigningKey, sealedWebhookSigningKey, ...stored } = parsed.data;
    const sealed = sealedWebhookSigningKey ?? (webhookSigningKey === undefined ? undefined : sealer.seal(clientId, webhookSigningKey));
    if (sealed === undefined) throw new UnreadableStoredRecordError(`client ${clientId} (no webhook signing key)`);
    yield { kind: 'client', version: BACKUP_FORMAT_VERSION, clientId, ...stored, sealedWebhookSigningKey: sealed };
  }
}

/** The exclusive legacy bindings: a short fixed list of keys, read one by one. */
async function* readLegacyBindings({ redis, keys }: ReadRegistriesOptions): AsyncGenerator<LegacyBindingRecord> {
  for (const api of EXCLUSIVE_LEGACY_APIS) {
    const clientId = await redis.get(keys.legacyBinding(api));
    if (clientId !== null) yield { kind: 'legacy-binding', version: BACKUP_FORMAT_VERSION, api, clientId };
  }
}

/**
 * Every account of every embedded directory. There is no index set of users, so SCAN (cursor, bounded
 * pages, never KEYS) over `<prefix>:user:{*}`; the other keys of a user (`…}:reset-generation`,
 * `…}:temporary-password`) end after the brace and are skipped. SCAN may return a key twice: deduplicated.
 */
async function* readUsers({ redis, keyPrefix }: ReadRegistriesOptions): AsyncGenerator<UserRecord> {
  const start = `${keyPrefix}:user:{`;
  const seen = new Set<string>();
  // SCAN walks one node's keyspace: on a cluster, every master in turn (the reads go through the cluster client).
  for (const node of everyNode(redis)) {
    let cursor = '0';
    do {
      const [next, page] = await node.scan(cursor, 'MATCH', `${globLiteral(start)}*`, 'COUNT', SCAN_COUNT, 'TYPE', 'hash');
      cursor = next;
      for (const key of page) {
        if (!key.startsWith(start) || !key.endsWith('}') || seen.has(key)) continue;
        seen.add(key);
        const tag = key.slice(start.length, -1);
        const colon = tag.indexOf(':');
        if (colon < 1) continue;
        const fields = await redis.hgetall(key);
        if (Object.keys(fields).length === 0) continue;
        const directory = tag.slice(0, colon);
        const userId = tag.slice(colon + 1);
        const parsed = storedUserSchema.safeParse(fields);
        if (!parsed.success) throw new UnreadableStoredRecordError(`user ${userId} of "${directory}"`);
        yield { kind: 'user', version: BACKUP_FORMAT_VERSION, directory, userId, ...parsed.data };
      }
    } while (cursor !== '0');
  }
}

/** Every record a backup holds, clients first (legacy bindings name them), then bindings, then users. */
export async function* readRegistries(options: ReadRegistriesOptions): AsyncGenerator<ClientRecord | LegacyBindingRecord | UserRecord> {
  yield* readClients(options);
  yield* readLegacyBindings(options);
  yield* readUsers(options);
}
