import type { ResetClient } from '@pwreset/contract/engine';
import type { AccessTokenShape } from '@pwreset/rest-compat';
import type { Redis } from 'ioredis';
import type { ClientRegistry } from '../clients/client-registry.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { keyedHash } from '../tokens/keyed-hash.js';
import { newAccessTokenText } from './access-token-text.js';

export interface IssuedAccessToken {
  readonly accessToken: string;
  /** Lifetime in seconds. */
  readonly expiresIn: number;
}

/** Opaque OAuth2 access tokens: random, stored only as a keyed hash, with a TTL. */
export interface AccessTokenStore {
  /** A new token for the client, in `shape` (default `pwreset`: our own, `pwat_`-prefixed). */
  issue(clientId: string, credentialsVersion: number, shape?: AccessTokenShape): Promise<IssuedAccessToken>;
  /** The client the token was issued to, while the token, the client and its secret are all current. */
  verify(accessToken: string): Promise<ResetClient | null>;
}

export interface RedisAccessTokenStoreOptions {
  readonly redis: Redis;
  readonly keys: RedisKeys;
  readonly pepper: string;
  readonly clients: ClientRegistry;
  /** Lifetime of a token, in seconds. */
  readonly ttlSeconds: number;
}

/** Anything longer is not one of ours; refusing it early keeps hashing bounded. */
const MAX_ACCESS_TOKEN_LENGTH = 256;

export function redisAccessTokenStore({ redis, keys, pepper, clients, ttlSeconds }: RedisAccessTokenStoreOptions): AccessTokenStore {
  return {
    async issue(clientId, credentialsVersion, shape = 'pwreset') {
      const accessToken = newAccessTokenText(shape);
      await redis.set(keys.accessToken(keyedHash(pepper, accessToken)), `${clientId} ${credentialsVersion}`, 'EX', ttlSeconds);
      return { accessToken, expiresIn: ttlSeconds };
    },

    async verify(accessToken) {
      if (accessToken.length > MAX_ACCESS_TOKEN_LENGTH) return null;
      const stored = await redis.get(keys.accessToken(keyedHash(pepper, accessToken)));
      if (stored === null) return null;
      const [clientId = '', version = ''] = stored.split(' ');
      // A rotation or revocation bumps the client's version: every older token dies at once.
      const current = await clients.findWithCredentialsVersion(clientId);
      return current && current.credentialsVersion === Number(version) ? current.client : null;
    },
  };
}
