import { describeUserDirectoryConformance } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
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

describe('the Redis user directory at rest', () => {
  it('keeps passwords only as argon2id hashes, and no address in a key name', async () => {
    const users = redisUserDirectory({ redis: privateRedis.redis(), keys: redisKeys(privateRedis.freshPrefix()) });
    await users.createUser({ email: 'stored.jane@example.com', password: 'first stored passphrase' });
    const created = await users.createUser({ email: 'stored.john@example.com', password: 'second stored passphrase' });
    if (created.created) await users.setPassword(created.userId, 'third stored passphrase');
    const stored = await privateRedis.everythingStored();
    expect(stored).toContain('$argon2id$');
    expect(stored).not.toMatch(/stored passphrase/);
    const keyNames = stored
      .split('\n')
      .map((line) => line.split(' ')[0])
      .join('\n');
    expect(keyNames).not.toContain('stored.');
  });
});
