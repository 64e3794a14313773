import { describeTemporaryPasswordStoreConformance } from '@pwreset/contract/testing/conformance';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisTemporaryPasswordStore } from './redis-temporary-password-store.js';

const privateRedis = usePrivateRedisPerFile();

describeTemporaryPasswordStoreConformance('Redis', async ({ clock }) =>
  redisTemporaryPasswordStore({ redis: privateRedis.redis(), keys: redisKeys(privateRedis.freshPrefix()), pepper: 'p'.repeat(32), clock }),
);
