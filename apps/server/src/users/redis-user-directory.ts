import { createHash, randomUUID } from 'node:crypto';
import { normalizeEmail } from '@pwreset/contract';
import type { UserAccount, UserDirectory } from '@pwreset/contract/engine';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { RedisKeys } from '../redis/redis-keys.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

const storedUserSchema = z.object({
  email: z.string(),
  name: z.string().optional(),
  locale: z.string().optional(),
  passwordHash: z.string(),
  disabled: z.enum(['0', '1']).default('0'),
  createdAt: z.string(),
  passwordChangedAt: z.string().optional(),
});

/** A user id `createUser` never makes (its ids are `usr_` and hex). */
const NO_USER_ID = 'usr_none';

export interface NewUser {
  readonly email: string;
  readonly password: string;
  // `| undefined`: these come straight from the CLI's parsed options, where an absent flag is undefined.
  readonly name?: string | undefined;
  readonly locale?: string | undefined;
}

export type CreateUserResult = { created: true; userId: string } | { created: false; reason: 'EMAIL_TAKEN' };

/** The user directory, plus what operators need that the engine must not have. */
export interface ManagedUserDirectory extends UserDirectory {
  createUser(user: NewUser): Promise<CreateUserResult>;
  setDisabled(userId: string, disabled: boolean): Promise<void>;
}

export interface RedisUserDirectoryOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
}

/** Users in Redis hashes, found by a digest of the normalised address; passwords as argon2id. */
export function redisUserDirectory({ redis, keys }: RedisUserDirectoryOptions): ManagedUserDirectory {
  const emailKey = (email: string) => keys.userIdByEmail(createHash('sha256').update(normalizeEmail(email)).digest('hex'));

  async function findById(userId: string): Promise<UserAccount | null> {
    const fields = await redis.hgetall(keys.user(userId));
    if (Object.keys(fields).length === 0) return null;
    const stored = storedUserSchema.parse(fields);
    return {
      id: userId,
      email: stored.email,
      ...(stored.name ? { name: stored.name } : {}),
      ...(stored.locale ? { locale: stored.locale } : {}),
      disabled: stored.disabled === '1',
    };
  }

  return {
    findById,

    async findByEmail(email) {
      const userId = await redis.get(emailKey(email));
      // An unknown address reads an account that is not there, so it costs the known one's round trips:
      // the legacy APIs' hidden answers (LEGACY_HIDE_UNKNOWN_ACCOUNTS) rely on it.
      return findById(userId ?? NO_USER_ID);
    },

    async verifyPassword(userId, password) {
      const passwordHash = await redis.hget(keys.user(userId), 'passwordHash');
      return passwordHash !== null && verifyPassword(passwordHash, password);
    },

    async setPassword(userId, password) {
      const passwordHash = await hashPassword(password);
      // HSET on a missing key would create half an account that findById cannot read: change only an existing one.
      if ((await redis.exists(keys.user(userId))) === 0) return;
      await redis.hset(keys.user(userId), { passwordHash, passwordChangedAt: new Date().toISOString() });
    },

    async createUser({ email, password, name, locale }) {
      const userId = `usr_${randomUUID().replaceAll('-', '')}`;
      const passwordHash = await hashPassword(password);
      // SET NX claims the address atomically: two concurrent adds cannot both win it.
      const claimed = await redis.set(emailKey(email), userId, 'NX');
      if (claimed === null) return { created: false, reason: 'EMAIL_TAKEN' };
      await redis.hset(keys.user(userId), {
        email: email.trim(),
        ...(name ? { name } : {}),
        ...(locale ? { locale } : {}),
        passwordHash,
        disabled: '0',
        createdAt: new Date().toISOString(),
      });
      return { created: true, userId };
    },

    async setDisabled(userId, disabled) {
      await redis.hset(keys.user(userId), 'disabled', disabled ? '1' : '0');
    },
  };
}
