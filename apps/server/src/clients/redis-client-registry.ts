import type { LegacyApi } from '@pwreset/contract/engine';
import type { Redis } from 'ioredis';
import { DEFAULT_DIRECTORY_NAME } from '../config/user-directories/directory-name.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { keyedHash } from '../tokens/keyed-hash.js';
import { generateApiKey, generateClientId, generateClientSecret, matchesKeyedHash, webhookSigningKey } from './client-credentials.js';
import { cameramanagerLifetimeProblem } from './cameramanager-link-lifetime.js';
import { EXCLUSIVE_LEGACY_APIS, type ClientRegistry, type RegistryFailure } from './client-registry.js';
import type { ClientSettings } from './client-settings.js';
import { storedClientSchema, toClientView, type ClientView, type StoredClient } from './stored-client.js';
import { toResetClient, type ClientDefaults } from './to-reset-client.js';

export interface RedisClientRegistryOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  readonly pepper: string;
  readonly defaults: ClientDefaults;
  readonly now?: () => Date;
}

export function redisClientRegistry({ redis, keys, pepper, defaults, now = () => new Date() }: RedisClientRegistryOptions): ClientRegistry {
  async function load(clientId: string): Promise<StoredClient | null> {
    const fields = await redis.hgetall(keys.client(clientId));
    return Object.keys(fields).length === 0 ? null : storedClientSchema.parse(fields);
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
      const apiKeyHash = keyedHash(pepper, apiKey);
      await redis.hset(keys.client(clientId), {
        ...settingsFields({ directory: DEFAULT_DIRECTORY_NAME, ...settings }),
        secretHash: keyedHash(pepper, clientSecret),
        apiKeyHash,
        webhookSigningKey: webhookSigningKey(clientSecret),
        credentialsVersion: '1',
        createdAt: now().toISOString(),
      });
      await redis.set(keys.clientIdByApiKey(apiKeyHash), clientId);
      await redis.sadd(keys.clientIds(), clientId);
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
      if (Object.keys(fields).length > 0) await redis.hset(keys.client(clientId), fields);
      return { ok: true, client: toClientView(clientId, (await load(clientId))!) };
    },

    async revoke(clientId) {
      const stored = await loadActive(clientId);
      if (!stored) return notFound(clientId);
      await redis.hset(keys.client(clientId), { revokedAt: now().toISOString() });
      await redis.hincrby(keys.client(clientId), 'credentialsVersion', 1);
      await redis.del(keys.clientIdByApiKey(stored.apiKeyHash));
      await releaseLegacyBindings(clientId, stored.legacyApis);
      return { ok: true };
    },

    async rotateSecret(clientId) {
      if (!(await loadActive(clientId))) return notFound(clientId);
      const clientSecret = generateClientSecret();
      await redis.hset(keys.client(clientId), {
        secretHash: keyedHash(pepper, clientSecret),
        webhookSigningKey: webhookSigningKey(clientSecret),
      });
      await redis.hincrby(keys.client(clientId), 'credentialsVersion', 1);
      return { ok: true, clientSecret };
    },

    async rotateApiKey(clientId) {
      const stored = await loadActive(clientId);
      if (!stored) return notFound(clientId);
      const apiKey = generateApiKey();
      const apiKeyHash = keyedHash(pepper, apiKey);
      await redis.set(keys.clientIdByApiKey(apiKeyHash), clientId);
      await redis.hset(keys.client(clientId), { apiKeyHash });
      await redis.del(keys.clientIdByApiKey(stored.apiKeyHash));
      return { ok: true, apiKey };
    },

    async authenticateSecret(clientId, clientSecret) {
      const stored = await loadActive(clientId);
      // Hash even for an unknown client, so the answer takes the same time either way.
      const matches = matchesKeyedHash(pepper, clientSecret, stored?.secretHash ?? keyedHash(pepper, '\0no client'));
      if (!stored || !matches) return null;
      return { client: toResetClient(clientId, stored, defaults), credentialsVersion: stored.credentialsVersion };
    },

    async findByApiKey(apiKey) {
      const clientId = await redis.get(keys.clientIdByApiKey(keyedHash(pepper, apiKey)));
      if (clientId === null) return null;
      const stored = await loadActive(clientId);
      // The index is a lookup aid; the client's own record has the last word.
      return stored && matchesKeyedHash(pepper, apiKey, stored.apiKeyHash) ? toResetClient(clientId, stored, defaults) : null;
    },

    async findLegacyBinding(api) {
      const clientId = await redis.get(keys.legacyBinding(api));
      if (clientId === null) return null;
      const stored = await loadActive(clientId);
      return stored?.legacyApis.includes(api) ? toResetClient(clientId, stored, defaults) : null;
    },

    async webhookTarget(clientId) {
      const stored = await loadActive(clientId);
      return stored?.webhookUrl ? { url: stored.webhookUrl, signingKey: stored.webhookSigningKey } : null;
    },

    async findWithCredentialsVersion(clientId) {
      const stored = await loadActive(clientId);
      return stored ? { client: toResetClient(clientId, stored, defaults), credentialsVersion: stored.credentialsVersion } : null;
    },
  };
}
