import { describeClientDirectoryConformance } from '@pwreset/contract/testing/conformance';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { seedingThroughRegistry } from '../../test/support/registry-seeding.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisClientRegistry } from './redis-client-registry.js';
import { singleKeyRing } from '../tokens/key-ring.js';

const privateRedis = usePrivateRedisPerFile();

describeClientDirectoryConformance('Redis', async () => {
  const registry = redisClientRegistry({
    redis: privateRedis.redis(),
    keys: redisKeys(privateRedis.freshPrefix()),
    keyRing: singleKeyRing('p'.repeat(32)),
    defaults: { hostedResetPageUrl: 'http://localhost:3000/reset', resetTokenTtlSeconds: 86_400 },
  });
  return {
    clients: registry,
    ...seedingThroughRegistry(registry),
  };
});
