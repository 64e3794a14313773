import type { LegacyApi } from '@pwreset/contract/engine';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import { DEFAULT_DIRECTORY_NAME } from '../config/user-directories/directory-name.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { UnreadableWebhookSigningKeyError, webhookSigningKeySealer } from '../signing/webhook-signing-key-sealing.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { SWAP_CLIENT_FIELDS_IF_UNCHANGED_SCRIPT } from './client-credential-scripts.js';
import { generateApiKey, generateClientId, generateClientSecret, matchesKeyedHash, webhookSigningKey } from './client-credentials.js';
import { cameramanagerLifetimeProblem } from './cameramanager-link-lifetime.js';
import { EXCLUSIVE_LEGACY_APIS, type ClientRegistry, type RegistryFailure } from './client-registry.js';
import type { ClientSettings } from './client-settings.js';
import { storedClientSchema, toClientView, type ClientView, type StoredClient } from './stored-client.js';
import { toResetClient, type ClientDefaults } from './to-reset-client.js';

export interface RedisClientRegistryOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /**
   * Keys of the credentials' hashes and of the webhook signing key's seal. Each stored hash carries its key
   * id; a credential used while hashed under an older key is re-hashed under the current one.
   */
  readonly keyRing: KeyRing;
  readonly defaults: ClientDefaults;
  readonly now?: () => Date;
}

const STORED_ADMIN_RESETS = { none: '0', start: '1', 'start-and-return': '2' } as const;

export function redisClientRegistry({
  redis,
  keys,
  keyRing,
  defaults,
  now = () => new Date(),
}: RedisClientRegistryOptions): ClientRegistry {
  const sealer = webhookSigningKeySealer(keyRing);
  /** What an unknown client's secret is compared with: made once, so an unknown client costs the one HMAC a known one does. */
  const unknownClientSecretHash = keyRing.digest('\0no client');

  /**
   * After every write to a client's record: processes holding clients in memory (client-snapshots.ts) see the
   * counter move at their next request and read the record again. After, not before: a process reading between
   * the write and the bump reads the new record already, and one that read before is told by the bump.
   */
  const wroteClient = async () => {
    await redis.incr(keys.clientRegistryRevision());
  };

  /** Swaps `[field, expected, new]` triples of a client's hash, all or none, while each still holds what was read. */
  async function swapIfUnchanged(clientId: string, swaps: readonly (readonly [string, string, string])[]): Promise<boolean> {
    // ioredis types EVAL's reply as unknown; the script returns 0 or 1.
    const swapped = (await redis.eval(SWAP_CLIENT_FIELDS_IF_UNCHANGED_SCRIPT, 1, keys.client(clientId), ...swaps.flat())) as number;
    if (swapped === 1) await wroteClient();
    return swapped === 1;
  }

  /**
   * A client secret that matched under an older key: re-hashed under the current one, and the webhook signing
   * key (derived from the secret) sealed again under it. Lost to a concurrent rotation, it changes nothing.
   */
  async function rehashSecret(clientId: string, stored: StoredClient, clientSecret: string): Promise<void> {
    const swaps: [string, string, string][] = [['secretHash', stored.secretHash, keyRing.digest(clientSecret)]];
    if (stored.sealedWebhookSigningKey !== undefined && sealer.keyIdOf(stored.sealedWebhookSigningKey) !== keyRing.current.id) {
      swaps.push(['sealedWebhookSigningKey', stored.sealedWebhookSigningKey, sealer.seal(clientId, webhookSigningKey(clientSecret))]);
    }
    await swapIfUnchanged(clientId, swaps);
  }

  /**
   * An API key that matched under an older key: the index under the current key is written first, then the
   * record swapped, then the old index dropped, so a lookup (current key first) finds it at every instant.
   */
  async function rehashApiKey(clientId: string, stored: StoredClient, apiKey: string): Promise<void> {
    const apiKeyHash = keyRing.digest(apiKey);
    await redis.set(keys.clientIdByApiKey(apiKeyHash), clientId);
    if (await swapIfUnchanged(clientId, [['apiKeyHash', stored.apiKeyHash, apiKeyHash]])) {
      await redis.del(keys.clientIdByApiKey(stored.apiKeyHash));
    } else if ((await redis.hget(keys.client(clientId), 'apiKeyHash')) !== apiKeyHash) {
      // A rotation or revocation came first: the new index entry would point at a key that no longer works.
      await redis.del(keys.clientIdByApiKey(apiKeyHash));
    }
  }

  async function read(clientId: string): Promise<StoredClient | null> {
    const fields = await redis.hgetall(keys.client(clientId));
    return Object.keys(fields).length === 0 ? null : storedClientSchema.parse(fields);
  }

  /**
   * Reads a client, sealing a webhook signing key still held in the clear (written before sealing) on the
   * way. HSETNX never overwrites, so a rotation that sealed a newer key first keeps it; the clear field goes
   * either way, and the record is read again so the caller sees what won.
   */
  async function load(clientId: string): Promise<StoredClient | null> {
    const stored = await read(clientId);
    if (!stored || stored.webhookSigningKey === undefined) return stored;
    const clear = stored.webhookSigningKey;
    const transaction = redis.multi();
    if (stored.sealedWebhookSigningKey === undefined) {
      transaction.hsetnx(keys.client(clientId), 'sealedWebhookSigningKey', sealer.seal(clientId, clear));
    }
    await transaction.hdel(keys.client(clientId), 'webhookSigningKey').exec();
    await wroteClient();
    return read(clientId);
  }

  async function loadActive(clientId: string): Promise<StoredClient | null> {
    const stored = await load(clientId);
    return stored && !stored.revokedAt ? stored : null;
  }

  /** Claims the exclusive legacy bindings for a client; on a conflict, releases what it took. */
  async function claimLegacyBindings(clientId: string, apis: readonly LegacyApi[]): Promise<RegistryFailure | null> {
    const claimed: LegacyApi[] = [];
    for (const api of apis.filter((candidate) => EXCLUSIVE_LEGACY_APIS.includes(candidate))) {
      const holder = await redis.get(keys.legacyBinding(api));
      if (holder !== null && holder !== clientId && (await loadActive(holder))) {
        for (const taken of claimed) await redis.del(keys.legacyBinding(taken));
        return { ok: false, reason: 'LEGACY_API_TAKEN', detail: `${api} is already served by client ${holder}` };
      }
      await redis.set(keys.legacyBinding(api), clientId);
      claimed.push(api);
    }
    return null;
  }

  async function releaseLegacyBindings(clientId: string, apis: readonly LegacyApi[]): Promise<void> {
    for (const api of apis) {
      if ((await redis.get(keys.legacyBinding(api))) === clientId) await redis.del(keys.legacyBinding(api));
    }
  }

  function settingsFields(settings: Partial<ClientSettings>): Record<string, string> {
    const fields: Record<string, string> = {};
    if (settings.name !== undefined) fields.name = settings.name;
    if (settings.senderName !== undefined) fields.senderName = settings.senderName;
    if (settings.resetUrls !== undefined) fields.resetUrls = JSON.stringify(settings.resetUrls);
    if (settings.ttlSeconds !== undefined) fields.ttlSeconds = String(settings.ttlSeconds);
    if (settings.defaultLocale !== undefined) fields.defaultLocale = settings.defaultLocale;
    if (settings.minPasswordLength !== undefined) fields.minPasswordLength = String(settings.minPasswordLength);
    if (settings.legacyApis !== undefined) fields.legacyApis = JSON.stringify(settings.legacyApis);
    if (settings.webhookUrl !== undefined) fields.webhookUrl = settings.webhookUrl;
    if (settings.mailTemplateIds !== undefined) fields.mailTemplateIds = JSON.stringify(settings.mailTemplateIds);
    if (settings.directory !== undefined) fields.directory = settings.directory;
    if (settings.adminResets !== undefined) fields.adminResets = STORED_ADMIN_RESETS[settings.adminResets];
    return fields;
  }

  const notFound = async (clientId: string): Promise<RegistryFailure> =>
    (await load(clientId)) ? { ok: false, reason: 'REVOKED' } : { ok: false, reason: 'NOT_FOUND' };

  return {
    async findById(clientId) {
      const stored = await loadActive(clientId);
      return stored ? toResetClient(clientId, stored, defaults) : null;
    },

    async add(settings) {
      const invalid = cameramanagerLifetimeProblem(settings.legacyApis, settings.ttlSeconds);
      if (invalid) return invalid;
      const clientId = generateClientId();
      const conflict = await claimLegacyBindings(clientId, settings.legacyApis);
      if (conflict) return conflict;
      const clientSecret = generateClientSecret();
      const apiKey = generateApiKey();
      const apiKeyHash = keyRing.digest(apiKey);
      await redis.hset(keys.client(clientId), {
        ...settingsFields({ directory: DEFAULT_DIRECTORY_NAME, ...settings }),
        secretHash: keyRing.digest(clientSecret),
        apiKeyHash,
        sealedWebhookSigningKey: sealer.seal(clientId, webhookSigningKey(clientSecret)),
        credentialsVersion: '1',
        createdAt: now().toISOString(),
      });
      await redis.set(keys.clientIdByApiKey(apiKeyHash), clientId);
      await redis.sadd(keys.clientIds(), clientId);
      // A process may hold this id as unknown (a token naming it was tried): it learns otherwise.
      await wroteClient();
      return { ok: true, client: toClientView(clientId, (await load(clientId))!), clientSecret, apiKey };
    },

    async list() {
      const ids = (await redis.smembers(keys.clientIds())).sort();
      const views = await Promise.all(ids.map(async (id) => ((stored) => (stored ? toClientView(id, stored) : null))(await load(id))));
      return views.filter((view): view is ClientView => view !== null);
    },

    async show(clientId) {
      const stored = await load(clientId);
      return stored ? toClientView(clientId, stored) : null;
    },

    async update(clientId, changes) {
      const stored = await loadActive(clientId);
      if (!stored) return notFound(clientId);
      const invalid = cameramanagerLifetimeProblem(changes.legacyApis ?? stored.legacyApis, changes.ttlSeconds ?? stored.ttlSeconds);
      if (invalid) return invalid;
      if (changes.legacyApis) {
        const conflict = await claimLegacyBindings(clientId, changes.legacyApis);
        if (conflict) return conflict;
        await releaseLegacyBindings(
          clientId,
          stored.legacyApis.filter((api) => !changes.legacyApis?.includes(api)),
        );
      }
      const fields = settingsFields(changes);
      if (Object.keys(fields).length > 0) {
        await redis.hset(keys.client(clientId), fields);
        await wroteClient();
      }
      return { ok: true, client: toClientView(clientId, (await load(clientId))!) };
    },

    async revoke(clientId) {
      const stored = await loadActive(clientId);
      if (!stored) return notFound(clientId);
      await redis.hset(keys.client(clientId), { revokedAt: now().toISOString() });
      await redis.hincrby(keys.client(clientId), 'credentialsVersion', 1);
      await wroteClient();
      await redis.del(keys.clientIdByApiKey(stored.apiKeyHash));
      await releaseLegacyBindings(clientId, stored.legacyApis);
      return { ok: true };
    },

    async rotateSecret(clientId) {
      if (!(await loadActive(clientId))) return notFound(clientId);
      const clientSecret = generateClientSecret();
      await redis
        .multi()
        .hset(keys.client(clientId), {
          secretHash: keyRing.digest(clientSecret),
          sealedWebhookSigningKey: sealer.seal(clientId, webhookSigningKey(clientSecret)),
        })
        .hdel(keys.client(clientId), 'webhookSigningKey')
        .exec();
      await redis.hincrby(keys.client(clientId), 'credentialsVersion', 1);
      await wroteClient();
      return { ok: true, clientSecret };
    },

    async rotateApiKey(clientId) {
      const stored = await loadActive(clientId);
      if (!stored) return notFound(clientId);
      const apiKey = generateApiKey();
      const apiKeyHash = keyRing.digest(apiKey);
      await redis.set(keys.clientIdByApiKey(apiKeyHash), clientId);
      await redis.hset(keys.client(clientId), { apiKeyHash });
      await wroteClient();
      await redis.del(keys.clientIdByApiKey(stored.apiKeyHash));
      return { ok: true, apiKey };
    },

    async authenticateSecret(clientId, clientSecret) {
      const stored = await loadActive(clientId);
      // One HMAC, under the key the stored hash names; hash even for an unknown client, so the answer takes the same time.
      const storedHash = stored?.secretHash ?? unknownClientSecretHash;
      const matches = matchesKeyedHash(keyRing.digest(clientSecret, keyRing.keyIdOf(storedHash) ?? undefined), storedHash);
      if (!stored || !matches) return null;
      if (keyRing.keyIdOf(storedHash) !== keyRing.current.id) await rehashSecret(clientId, stored, clientSecret);
      return { client: toResetClient(clientId, stored, defaults), credentialsVersion: stored.credentialsVersion };
    },

    async findByApiKey(apiKey) {
      // An API key carries no key id (it outlives rotations, being re-hashed on use): the current key first, then the others.
      for (const apiKeyHash of keyRing.digestsUnderEveryKey(apiKey)) {
        const clientId = await redis.get(keys.clientIdByApiKey(apiKeyHash));
        if (clientId === null) continue;
        const stored = await loadActive(clientId);
        // The index is a lookup aid; the client's own record has the last word.
        if (!stored || !matchesKeyedHash(apiKeyHash, stored.apiKeyHash)) continue;
        if (keyRing.keyIdOf(apiKeyHash) !== keyRing.current.id) await rehashApiKey(clientId, stored, apiKey);
        return toResetClient(clientId, stored, defaults);
      }
      return null;
    },

    async findLegacyBinding(api) {
      const clientId = await redis.get(keys.legacyBinding(api));
      if (clientId === null) return null;
      const stored = await loadActive(clientId);
      return stored?.legacyApis.includes(api) ? toResetClient(clientId, stored, defaults) : null;
    },

    async webhookTarget(clientId) {
      const stored = await loadActive(clientId);
      if (!stored?.webhookUrl) return null;
      const sealed = stored.sealedWebhookSigningKey;
      if (sealed === undefined) throw new UnreadableWebhookSigningKeyError(clientId);
      const signingKey = sealer.open(clientId, sealed);
      // Sealed under an older key: sealed again under the current one, so that key can go (lost to a rotation, nothing changes).
      if (sealer.keyIdOf(sealed) !== keyRing.current.id) {
        await swapIfUnchanged(clientId, [['sealedWebhookSigningKey', sealed, sealer.seal(clientId, signingKey)]]);
      }
      return { url: stored.webhookUrl, signingKey };
    },

    async findWithCredentialsVersion(clientId) {
      const stored = await loadActive(clientId);
      return stored ? { client: toResetClient(clientId, stored, defaults), credentialsVersion: stored.credentialsVersion } : null;
    },
  };
}
