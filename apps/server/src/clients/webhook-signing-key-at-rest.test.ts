import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { UnreadableWebhookSigningKeyError } from '../signing/webhook-signing-key-sealing.js';
import { webhookSigningKey } from './client-credentials.js';
import { redisClientRegistry } from './redis-client-registry.js';
import { singleKeyRing } from '../tokens/key-ring.js';

const privateRedis = usePrivateRedisPerFile();
const PEPPER = 'q'.repeat(32);
const DEFAULTS = { hostedResetPageUrl: 'http://localhost:3000/reset', resetTokenTtlSeconds: 86_400 };

async function registryWithClient(pepper = PEPPER) {
  const keys = redisKeys(privateRedis.freshPrefix());
  const registry = redisClientRegistry({ redis: privateRedis.redis(), keys, keyRing: singleKeyRing(pepper), defaults: DEFAULTS });
  const added = await registry.add({
    name: 'Hooks',
    resetUrls: [],
    defaultLocale: 'en',
    minPasswordLength: 8,
    legacyApis: [],
    webhookUrl: 'https://hooks.example.com/reset',
  });
  if (!added.ok) throw new Error(`registration refused: ${added.reason}`);
  return { keys, registry, clientId: added.client.clientId, clientSecret: added.clientSecret };
}

describe('webhook signing keys at rest', () => {
  it('stores the key sealed, never in the clear, and hands it back opened', async () => {
    const { keys, registry, clientId, clientSecret } = await registryWithClient();
    const clear = webhookSigningKey(clientSecret);
    const stored = await privateRedis.redis().hgetall(keys.client(clientId));
    expect(stored.sealedWebhookSigningKey).toMatch(/^v1:/);
    expect(stored.webhookSigningKey).toBeUndefined();
    expect(await privateRedis.everythingStored()).not.toContain(clear);
    expect(await registry.webhookTarget(clientId)).toEqual({ url: 'https://hooks.example.com/reset', signingKey: clear });
  });

  it('seals a key written in the clear before sealing on its first read, keeping the same key', async () => {
    const { keys, registry, clientId, clientSecret } = await registryWithClient();
    const clear = webhookSigningKey(clientSecret);
    // A record as the service wrote it before keys were sealed.
    await privateRedis.redis().hdel(keys.client(clientId), 'sealedWebhookSigningKey');
    await privateRedis.redis().hset(keys.client(clientId), 'webhookSigningKey', clear);

    expect(await registry.webhookTarget(clientId)).toEqual({ url: 'https://hooks.example.com/reset', signingKey: clear });
    const stored = await privateRedis.redis().hgetall(keys.client(clientId));
    expect(stored.webhookSigningKey).toBeUndefined();
    expect(stored.sealedWebhookSigningKey).toMatch(/^v1:/);
    expect(await privateRedis.everythingStored()).not.toContain(clear);
  });

  it('a rotation seals the new key and drops a clear one', async () => {
    const { keys, registry, clientId } = await registryWithClient();
    await privateRedis.redis().hset(keys.client(clientId), 'webhookSigningKey', 'an-old-clear-key');
    const rotated = await registry.rotateSecret(clientId);
    if (!rotated.ok) throw new Error(`rotation refused: ${rotated.reason}`);
    expect(await privateRedis.redis().hget(keys.client(clientId), 'webhookSigningKey')).toBeNull();
    expect((await registry.webhookTarget(clientId))?.signingKey).toBe(webhookSigningKey(rotated.clientSecret));
  });

  it('a key sealed under another TOKEN_PEPPER is a clear error naming the client, not a wrong signature', async () => {
    const { keys, clientId } = await registryWithClient();
    const otherPepper = redisClientRegistry({
      redis: privateRedis.redis(),
      keys,
      keyRing: singleKeyRing('r'.repeat(32)),
      defaults: DEFAULTS,
    });
    await expect(otherPepper.webhookTarget(clientId)).rejects.toThrow(UnreadableWebhookSigningKeyError);
    await expect(otherPepper.webhookTarget(clientId)).rejects.toThrow(clientId);
  });
});
