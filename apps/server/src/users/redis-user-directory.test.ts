import { EMBEDDED_USER_DIRECTORY_RULES } from '@pwreset/contract/testing/conformance';
import bcryptjs from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { usePrivateRedisPerFile } from '../../test/support/private-redis-per-file.js';
import { DirectoryUnavailableError } from '../directories/directory-unavailable-error.js';
import { redisKeys } from '../redis/redis-keys.js';
import { describeServedUserDirectoryConformance } from '../directories/testing/user-directory-conformance.js';
import { createPasswordHasher } from './password-hashes/index.js';
import { redisUserDirectory } from './redis-user-directory.js';

const privateRedis = usePrivateRedisPerFile();

describeServedUserDirectoryConformance({
  label: 'Redis (the embedded directory)',
  rules: EMBEDDED_USER_DIRECTORY_RULES,
  writtenHashFormat: 'argon2id',
  async makeSubject() {
    const redis = privateRedis.redis();
    const keys = redisKeys(privateRedis.freshPrefix());
    const users = redisUserDirectory({ redis, keys, directory: 'default' });
    const writeStoredPasswordHash = async (userId: string, storedHash: string | null) => {
      // The record's passwordHash is a string: an account without a password has an empty one.
      await redis.hset(keys.user({ directory: 'default', userId }), 'passwordHash', storedHash ?? '');
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
      readStoredPasswordHash: (userId) => redis.hget(keys.user({ directory: 'default', userId }), 'passwordHash'),
      writeStoredPasswordHash,
    };
  },
});

describe('the Redis user directory and a stored hash in no known format', () => {
  it('answers it as unavailable, naming the directory and the reason, never as a different password', async () => {
    const redis = privateRedis.redis();
    const keys = redisKeys(privateRedis.freshPrefix());
    const users = redisUserDirectory({ redis, keys, directory: 'shop' });
    const created = await users.createUser({ email: 'md5.jane@example.com', password: 'first passphrase' });
    if (!created.created) throw new Error('the address is free');
    await redis.hset(keys.user({ directory: 'shop', userId: created.userId }), 'passwordHash', '$1$md5crypt$abcdefghijklmnopqrstuv');
    const error = await users.verifyPassword(created.userId, 'first passphrase').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(DirectoryUnavailableError);
    expect(error).toMatchObject({ directory: 'shop', reason: 'unknown-hash-format' });
    expect(String((error as Error).message)).not.toContain('md5crypt');
  });
});

describe('the Redis user directory at rest', () => {
  it('keeps passwords only as argon2id hashes, and no address in a key name', async () => {
    const users = redisUserDirectory({ redis: privateRedis.redis(), keys: redisKeys(privateRedis.freshPrefix()), directory: 'default' });
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

describe('the Redis user directory by name', () => {
  it('keeps two directories in one Redis apart: the same address is two accounts, and no id reaches the other', async () => {
    const keys = redisKeys(privateRedis.freshPrefix());
    const shop = redisUserDirectory({ redis: privateRedis.redis(), keys, directory: 'shop' });
    const forum = redisUserDirectory({ redis: privateRedis.redis(), keys, directory: 'forum' });
    const inShop = await shop.createUser({ email: 'jane@example.com', password: 'shop passphrase 1' });
    const inForum = await forum.createUser({ email: 'jane@example.com', password: 'forum passphrase 1' });
    if (!inShop.created || !inForum.created) throw new Error('the address is free in each directory');
    expect((await shop.findByEmail('jane@example.com'))?.id).toBe(inShop.userId);
    expect((await forum.findByEmail('jane@example.com'))?.id).toBe(inForum.userId);
    expect(await forum.findById(inShop.userId)).toBeNull();
    await shop.setPassword(inShop.userId, 'new shop passphrase');
    expect(await shop.verifyPassword(inShop.userId, 'new shop passphrase')).toBe(true);
    expect(await forum.verifyPassword(inForum.userId, 'forum passphrase 1')).toBe(true);
    const keyNames = (await privateRedis.everythingStored()).split('\n').map((line) => line.split(' ')[0]);
    expect(keyNames).toContain(`${keys.user({ directory: 'shop', userId: inShop.userId })}`);
    expect(keyNames).toContain(`${keys.user({ directory: 'forum', userId: inForum.userId })}`);
  });
});

describe('importing users into the Redis user directory', () => {
  const keys = redisKeys(privateRedis.freshPrefix());
  let directories = 0;
  /** A fresh directory (of its own name, so nothing of another test is in it). */
  const fresh = () => redisUserDirectory({ redis: privateRedis.redis(), keys, directory: `import${(directories += 1)}` });
  const storedHashOf = (directory: string, userId: string) => privateRedis.redis().hget(keys.user({ directory, userId }), 'passwordHash');
  const sortedLines = async () => (await privateRedis.everythingStored()).split('\n').sort().join('\n');

  it('stores a bcrypt, a Traffic Ops scrypt and an argon2id hash as given, and checks the password against each', async () => {
    const users = fresh();
    const hashes = {
      bcrypt: await bcryptjs.hash('imported bcrypt password', 4),
      scrypt: await createPasswordHasher({ format: 'trafficops-scrypt' }).hash('imported scrypt password'),
      argon2id: await createPasswordHasher({ format: 'argon2id' }).hash('imported argon2 password'),
    };
    for (const [format, passwordHash] of Object.entries(hashes)) {
      const imported = await users.importUser({ email: `${format}@example.com`, passwordHash, name: format, locale: 'nl' });
      if (!imported.created) throw new Error(`${format} was refused: ${imported.reason}`);
      expect(await users.findById(imported.userId)).toStrictEqual({
        id: imported.userId,
        email: `${format}@example.com`,
        name: format,
        locale: 'nl',
        disabled: false,
      });
      expect(await users.verifyPassword(imported.userId, `imported ${format === 'argon2id' ? 'argon2' : format} password`), format).toBe(
        true,
      );
      expect(await users.verifyPassword(imported.userId, 'not the password'), format).toBe(false);
    }
  });

  it('writes argon2id once the password is reset, whatever was imported', async () => {
    const users = fresh();
    const directory = `import${directories}`;
    const imported = await users.importUser({ email: 'moved@example.com', passwordHash: await bcryptjs.hash('old password 1', 4) });
    if (!imported.created) throw new Error('refused');
    expect(await storedHashOf(directory, imported.userId)).toMatch(/^\$2[aby]\$/);
    await users.setPassword(imported.userId, 'new password 1');
    expect(await users.verifyPassword(imported.userId, 'new password 1')).toBe(true);
    expect(await storedHashOf(directory, imported.userId)).toMatch(/^\$argon2id\$/);
  });

  it('imports a disabled account as disabled', async () => {
    const users = fresh();
    const imported = await users.importUser({
      email: 'off@example.com',
      passwordHash: await bcryptjs.hash('x password 1', 4),
      disabled: true,
    });
    if (!imported.created) throw new Error('refused');
    expect((await users.findById(imported.userId))?.disabled).toBe(true);
  });

  it('refuses a hash in no known format and an address already taken, storing nothing', async () => {
    const users = fresh();
    const before = await sortedLines();
    for (const passwordHash of ['', 'plain text password', '$1$md5crypt$abcdefghijklmnopqrstuv', 'SCRYPT:1:1:1:AAAA:AAAA']) {
      expect(await users.importUser({ email: 'refused@example.com', passwordHash }), passwordHash).toEqual({
        created: false,
        reason: 'UNKNOWN_HASH_FORMAT',
      });
    }
    expect(await sortedLines()).toBe(before);
    expect(await users.findByEmail('refused@example.com')).toBeNull();
    await users.createUser({ email: 'taken@example.com', password: 'first owner 1' });
    const hash = await bcryptjs.hash('second owner 1', 4);
    expect(await users.importUser({ email: 'Taken@Example.com', passwordHash: hash })).toEqual({ created: false, reason: 'EMAIL_TAKEN' });
  });

  it('checks an imported hash against the password as typed too, which the other application did not normalise', async () => {
    const users = fresh();
    // A ligature: NFKC makes it "fi", but the other application hashed the character itself.
    const imported = await users.importUser({ email: 'ligature@example.com', passwordHash: await bcryptjs.hash('ﬁnance 2024', 4) });
    if (!imported.created) throw new Error('refused');
    expect(await users.verifyPassword(imported.userId, 'ﬁnance 2024')).toBe(true);
    expect(await users.verifyPassword(imported.userId, 'ﬁnance 2025')).toBe(false);
    // Once reset, the hash is ours: argon2id of the NFKC form, so both spellings match.
    await users.setPassword(imported.userId, 'ﬁnance 2025');
    expect(await users.verifyPassword(imported.userId, 'finance 2025')).toBe(true);
    expect(await users.verifyPassword(imported.userId, 'ﬁnance 2025')).toBe(true);
  });
});
