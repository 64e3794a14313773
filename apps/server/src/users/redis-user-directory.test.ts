import { EMBEDDED_USER_DIRECTORY_RULES } from '@pwreset/contract/testing/conformance';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { redisKeys } from '../redis/redis-keys.js';
import { describeServedUserDirectoryConformance } from '../directories/testing/user-directory-conformance.js';
import { redisUserDirectory } from './redis-user-directory.js';

const privateRedis = usePrivateRedisPerFile();

describeServedUserDirectoryConformance({
  label: 'Redis (the embedded directory)',
  rules: EMBEDDED_USER_DIRECTORY_RULES,
  writtenHashFormat: 'argon2id',
  // It holds only hashes it wrote or an import checked (users import), so an unknown one is a non-match.
  unknownHashFormat: 'no-match',
  async makeSubject() {
    const redis = privateRedis.redis();
    const keys = redisKeys(privateRedis.freshPrefix());
    const users = redisUserDirectory({ redis, keys });
    const writeStoredPasswordHash = async (userId: string, storedHash: string | null) => {
      // The record's passwordHash is a string: an account without a password has an empty one.
      await redis.hset(keys.user(userId), 'passwordHash', storedHash ?? '');
    };
    return {
      directory: users,
      async addAccount({ disabled, password, ...account }) {
        const created = await users.createUser({ ...account, password: password ?? 'replaced below' });
        if (!created.created) throw new Error(`${account.email} is taken`);
        if (password === null) await writeStoredPasswordHash(created.userId, null);
        if (disabled) await users.setDisabled(created.userId, true);
        return created.userId;
      },
      readStoredPasswordHash: (userId) => redis.hget(keys.user(userId), 'passwordHash'),
      writeStoredPasswordHash,
    };
  },
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
