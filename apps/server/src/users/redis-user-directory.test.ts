import { describeUserDirectoryConformance } from '@pwreset/contract/testing/conformance';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { redisUserDirectory } from './redis-user-directory.js';

const privateRedis = usePrivateRedisPerFile();

describeUserDirectoryConformance('Redis', async () => {
  const users = redisUserDirectory({ redis: privateRedis.redis(), keys: redisKeys(privateRedis.freshPrefix()) });
  return {
    users,
    async seed({ disabled, ...user }) {
      const created = await users.createUser(user);
      if (!created.created) throw new Error(`${user.email} is taken`);
      if (disabled) await users.setDisabled(created.userId, true);
      return created.userId;
    },
  };
});
