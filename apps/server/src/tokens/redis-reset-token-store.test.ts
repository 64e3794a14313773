import { describeResetTokenStoreConformance } from '@pwreset/contract/testing/conformance';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisResetTokenStore } from './redis-reset-token-store.js';

const privateRedis = usePrivateRedisPerFile();

describeResetTokenStoreConformance('Redis', async ({ clock }) =>
  redisResetTokenStore({ redis: privateRedis.redis(), keys: redisKeys(privateRedis.freshPrefix()), pepper: 'p'.repeat(32), clock }),
);
