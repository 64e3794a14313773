import { storedClientSchema } from '../clients/stored-client.js';
import { everyNode } from '../redis/every-node.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { WebhookSigningKeySealer } from '../signing/webhook-signing-key-sealing.js';
import type { KeyRing } from './key-ring.js';

/** The kinds of record a key id can be found in, as `keys status` lists them. */
export const KEY_USAGE_KINDS = [
  'resetSecrets',
  'disputeSecrets',
  'accessTokens',
  'temporaryPasswords',
  'codeFlows',
  'clientSecrets',
  'apiKeys',
  'webhookSigningKeys',
] as const;
export type KeyUsageKind = (typeof KEY_USAGE_KINDS)[number];

export interface KeyUsage {
  readonly keyId: string;
  readonly current: boolean;
  /** Whether TOKEN_PEPPERS (or TOKEN_PEPPER) still lists it; records under an unlisted key no longer work. */
  readonly listed: boolean;
  readonly records: Readonly<Record<KeyUsageKind, number>>;
  readonly total: number;
}

export interface CountKeyUsageOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  readonly keyRing: KeyRing;
  readonly sealer: WebhookSigningKeySealer;
}

/** SCAN pages: large enough for few round trips, small enough not to hold Redis up on a huge keyspace. */
const SCAN_COUNT = 1000;

/** The hash tag of a key such as `pwreset:reset:{<tag>}`, from the template RedisKeys builds it with. */
function tagPattern(template: string): { glob: string; tagOf: (key: string) => string | null } {
  const [start = '', end = ''] = template.split('\0');
  const glob = `${start.replace(/[\\*?[\]]/g, (character) => `\\${character}`)}*`;
  return { glob, tagOf: (key) => (key.startsWith(start) && key.endsWith(end) ? key.slice(start.length, key.length - end.length) : null) };
}

/**
 * How many stored records each key id still holds, by kind, so an operator sees when an old key can go.
 * Records keyed by a stamped hash are counted from their key names, with SCAN (cursor, bounded pages, never
 * KEYS), on every master of a cluster; clients from the registry's own index set. Spent records kept as
 * tombstones count until they expire: they still answer "already used" under their key.
 */
export async function countKeyUsage({ redis, keys, keyRing, sealer }: CountKeyUsageOptions): Promise<KeyUsage[]> {
  const emptyRow = () => Object.fromEntries(KEY_USAGE_KINDS.map((kind) => [kind, 0])) as Record<KeyUsageKind, number>;
  // Every listed key has a row, even with nothing under it: that is the row that says it can go.
  const counts = new Map(keyRing.keys.map((tokenKey) => [tokenKey.id, emptyRow()]));
  const add = (keyId: string | null, kind: KeyUsageKind) => {
    const id = keyId ?? '(unreadable)';
    const row = counts.get(id) ?? emptyRow();
    row[kind] += 1;
    counts.set(id, row);
  };

  const scanned: readonly [KeyUsageKind, string][] = [
    ['resetSecrets', keys.resetToken('\0')],
    ['disputeSecrets', keys.dispute('\0')],
    ['accessTokens', keys.accessToken('\0')],
    ['temporaryPasswords', keys.userByTemporaryPassword('\0')],
    ['codeFlows', keys.resetCodeFlow('\0')],
  ];
  for (const [kind, template] of scanned) {
    const { glob, tagOf } = tagPattern(template);
    const seen = new Set<string>();
    for (const node of everyNode(redis)) {
      let cursor = '0';
      do {
        const [next, page] = await node.scan(cursor, 'MATCH', glob, 'COUNT', SCAN_COUNT);
        cursor = next;
        for (const key of page) {
          const tag = tagOf(key);
          // SCAN may return a key twice; a longer key of another kind may share the start (none does today).
          if (tag === null || tag.includes('}') || seen.has(key)) continue;
          seen.add(key);
          add(keyRing.keyIdOf(tag), kind);
        }
      } while (cursor !== '0');
    }
  }

  for (const clientId of await redis.smembers(keys.clientIds())) {
    const parsed = storedClientSchema.safeParse(await redis.hgetall(keys.client(clientId)));
    // A revoked client's hashes can never match again: they hold no key up.
    if (!parsed.success || parsed.data.revokedAt !== undefined) continue;
    add(keyRing.keyIdOf(parsed.data.secretHash), 'clientSecrets');
    add(keyRing.keyIdOf(parsed.data.apiKeyHash), 'apiKeys');
    if (parsed.data.sealedWebhookSigningKey !== undefined) add(sealer.keyIdOf(parsed.data.sealedWebhookSigningKey), 'webhookSigningKeys');
  }

  const listedOrder = keyRing.keys.map((tokenKey) => tokenKey.id);
  const unlisted = [...counts.keys()].filter((keyId) => !keyRing.has(keyId)).sort();
  return [...listedOrder, ...unlisted].map((keyId) => {
    const records = counts.get(keyId) ?? emptyRow();
    return {
      keyId,
      current: keyId === keyRing.current.id,
      listed: keyRing.has(keyId),
      records,
      total: KEY_USAGE_KINDS.reduce((sum, kind) => sum + records[kind], 0),
    };
  });
}
