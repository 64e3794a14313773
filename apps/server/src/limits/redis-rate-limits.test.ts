import { describeRateLimitsConformance } from '@pwreset/contract/testing/conformance';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { failClosed } from '../redis/fail-closed.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisRateLimits } from './redis-rate-limits.js';
import { singleKeyRing } from '../tokens/key-ring.js';

const privateRedis = usePrivateRedisPerFile();

describeRateLimitsConformance('Redis', async (settings) => {
  // A connection of its own, so making Redis unreachable for these throttles leaves the others alone.
  const redis = await privateRedis.separateConnection();
  const hour = (points: number) => ({ points, durationSeconds: 3600 });
  const limits = redisRateLimits({
    redis,
    keys: redisKeys(privateRedis.freshPrefix()),
    keyRing: singleKeyRing('p'.repeat(32)),
    settings: {
      requestsPerAddress: hour(settings.requestsPerAddress),
      requestsPerClient: hour(settings.requestsPerClient),
      requestsPerIp: hour(settings.requestsPerIp),
      secretAttemptsPerIp: hour(settings.secretAttemptsPerIp),
      maxFailedAttemptsPerSecret: settings.maxFailedAttemptsPerSecret,
    },
  });
  // As the server composes it: an unreachable Redis surfaces as DependencyUnavailableError.
  return { limits: failClosed(redis, limits), makeUnavailable: async () => redis.disconnect() };
});
