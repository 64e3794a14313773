import { describeClientDirectoryConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { seedingThroughRegistry } from '../../test/support/registry-seeding.js';
import { commandDelta, readCommandStats } from '../bench/command-stats.js';
import { redisKeys } from '../redis/redis-keys.js';
import { singleKeyRing } from '../tokens/key-ring.js';
import { clientSnapshots } from './client-snapshots.js';
import { currentClientDirectory } from './current-client-directory.js';
import { redisClientRegistry } from './redis-client-registry.js';

const privateRedis = usePrivateRedisPerFile();

function world() {
  const redis = privateRedis.redis();
  const keys = redisKeys(privateRedis.freshPrefix());
  const registry = redisClientRegistry({
    redis,
    keys,
    keyRing: singleKeyRing('p'.repeat(32)),
    defaults: { hostedResetPageUrl: 'http://localhost:3000/reset', resetTokenTtlSeconds: 86_400 },
  });
  const addClient = async (name: string) => {
    const added = await registry.add({ name, resetUrls: [], ttlSeconds: 3600, defaultLocale: 'en', minPasswordLength: 12, legacyApis: [] });
    if (!added.ok) throw new Error(`registration refused: ${added.reason}`);
    return added.client.clientId;
  };
  return { redis, registry, addClient, directory: currentClientDirectory({ redis, keys, snapshots: clientSnapshots({ registry }) }) };
}

// The same contract as the registry's own lookup: found, unknown, revoked at once.
describeClientDirectoryConformance('Redis, from memory by the registry revision', async () => {
  const { registry, directory } = world();
  return {
    clients: directory,
    ...seedingThroughRegistry(registry),
  };
});

describe('currentClientDirectory', () => {
  it('serves 50 concurrent lookups with one read of the record and a few of the revision', async () => {
    const { redis, addClient, directory } = world();
    const clientId = await addClient('Concurrent');
    const before = await readCommandStats(redis);
    const found = await Promise.all(Array.from({ length: 50 }, () => directory.findById(clientId)));
    const delta = commandDelta(before, await readCommandStats(redis));
    expect(found.every((client) => client?.id === clientId)).toBe(true);
    // One HGETALL (the first lookup at this revision); the others wait for a shared GET of the counter.
    expect(delta.get('hgetall')).toBe(1);
    expect(delta.get('get') ?? 0).toBeGreaterThanOrEqual(1);
    expect(delta.get('get') ?? 0).toBeLessThanOrEqual(2);
  });

  it('sees a change made through the registry at the very next lookup', async () => {
    const { registry, addClient, directory } = world();
    const clientId = await addClient('Before');
    expect((await directory.findById(clientId))?.name).toBe('Before');
    const updated = await registry.update(clientId, { name: 'After' });
    expect(updated.ok).toBe(true);
    expect((await directory.findById(clientId))?.name).toBe('After');
    await registry.revoke(clientId);
    expect(await directory.findById(clientId)).toBeNull();
  });
});
