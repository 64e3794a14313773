import type { ResetClient } from '@pwreset/contract/engine';
import type { AccessTokenShape } from '@pwreset/rest-compat';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { ClientRegistry } from '../clients/client-registry.js';
import { clientSnapshots, type ClientSnapshots } from '../clients/client-snapshots.js';
import { getTogether } from '../redis/get-together.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { newAccessTokenText, OWN_ACCESS_TOKEN_PREFIX } from './access-token-text.js';

export interface IssuedAccessToken {
  readonly accessToken: string;
  /** Lifetime in seconds. */
  readonly expiresIn: number;
}

/** A valid token's client, and the scopes it was granted beyond `password-reset` (e.g. `password-reset:admin`). */
export interface AuthorizedAccessToken {
  readonly client: ResetClient;
  readonly scopes: readonly string[];
}

/** Opaque OAuth2 access tokens: random, stored only as a keyed hash, with a TTL. */
export interface AccessTokenStore {
  /**
   * A new token for the client, in `shape` (default `pwreset`: our own, `pwat_`-prefixed), granted
   * `scopes` beyond `password-reset` (default none; each without spaces, RFC 6749 §3.3).
   */
  issue(clientId: string, credentialsVersion: number, shape?: AccessTokenShape, scopes?: readonly string[]): Promise<IssuedAccessToken>;
  /** The client the token was issued to, while the token, the client and its secret are all current. */
  verify(accessToken: string): Promise<ResetClient | null>;
  /** As verify, with the scopes the token was granted. */
  authorize(accessToken: string): Promise<AuthorizedAccessToken | null>;
}

export interface RedisAccessTokenStoreOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** Keys of the tokens' hashes: ours carry the key id, Teen Quotes' are tried under each key, the current first. */
  readonly keyRing: KeyRing;
  readonly clients: ClientRegistry;
  /**
   * The clients kept in memory, shared with the engine's (currentClientDirectory) so a process holds and
   * re-reads each client once; by default the store's own.
   */
  readonly snapshots?: ClientSnapshots;
  /** Lifetime of a token, in seconds. */
  readonly ttlSeconds: number;
}

/** Anything longer is not one of ours; refusing it early keeps hashing bounded. */
const MAX_ACCESS_TOKEN_LENGTH = 256;

export function redisAccessTokenStore({
  redis,
  keys,
  keyRing,
  clients,
  snapshots = clientSnapshots({ registry: clients }),
  ttlSeconds,
}: RedisAccessTokenStoreOptions): AccessTokenStore {
  /** Where a token's record may be: one hash for ours (stamped), one per key for a shape without a stamp. */
  function candidateHashes(accessToken: string): string[] {
    return accessToken.startsWith(OWN_ACCESS_TOKEN_PREFIX)
      ? [keyRing.digestOfStamped(accessToken.slice(OWN_ACCESS_TOKEN_PREFIX.length), accessToken)]
      : keyRing.digestsUnderEveryKey(accessToken);
  }

  /**
   * The token's record and the client registry revision (whether clients kept in memory are current), in one
   * round trip; a shape without a stamp (Teen Quotes') tries its other candidates after, one GET at a time.
   */
  async function findStored(accessToken: string): Promise<{ stored: string | null; revision: string }> {
    const [first = '', ...others] = candidateHashes(accessToken);
    const [found, revision] = await getTogether(redis, [keys.accessToken(first), keys.clientRegistryRevision()]);
    let stored = found ?? null;
    for (const hash of others) {
      if (stored !== null) break;
      stored = await redis.get(keys.accessToken(hash));
    }
    return { stored, revision: revision ?? '' };
  }

  async function authorize(accessToken: string): Promise<AuthorizedAccessToken | null> {
    if (accessToken.length > MAX_ACCESS_TOKEN_LENGTH) return null;
    const { stored, revision } = await findStored(accessToken);
    if (stored === null) return null;
    // `<client id> <credentials version> [<scope>…]`: tokens stored before scopes existed have none.
    const [clientId = '', version = '', ...scopes] = stored.split(' ');
    // A rotation or revocation bumps the client's version: every older token dies at once.
    const current = await snapshots.current(clientId, revision);
    return current && current.credentialsVersion === Number(version) ? { client: current.client, scopes } : null;
  }

  return {
    async issue(clientId, credentialsVersion, shape = 'pwreset', scopes = []) {
      const accessToken = newAccessTokenText(shape, (randomPart) => keyRing.stamp(randomPart));
      const value = [clientId, String(credentialsVersion), ...scopes].join(' ');
      // Under the current key: the first a lookup tries, stamped or not.
      const [hash = ''] = candidateHashes(accessToken);
      await redis.set(keys.accessToken(hash), value, 'EX', ttlSeconds);
      return { accessToken, expiresIn: ttlSeconds };
    },

    async verify(accessToken) {
      return (await authorize(accessToken))?.client ?? null;
    },

    authorize,
  };
}
