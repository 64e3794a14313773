import { Redis } from 'ioredis';
import { redisClientRegistry } from '../clients/redis-client-registry.js';
import { redisKeys } from '../redis/redis-keys.js';
import { singleKeyRing } from '../tokens/key-ring.js';

/** The reset server's TOKEN_PEPPER in a bench: the client registered here must verify there. */
export const BENCH_PEPPER = 'bench-pepper-not-a-secret-0000000000000';

/** Registers a bench application in the reset server's Redis and gets it a token, as a real one would. */
export async function benchClientAuthorization(redisUrl: string, resetUrl: string): Promise<string> {
  const connection = new Redis(redisUrl);
  try {
    const registry = redisClientRegistry({
      redis: connection,
      keys: redisKeys('pwreset'),
      keyRing: singleKeyRing(BENCH_PEPPER),
      defaults: { hostedResetPageUrl: `${resetUrl}/reset`, resetTokenTtlSeconds: 86_400 },
    });
    const added = await registry.add({ name: 'Bench', resetUrls: [], defaultLocale: 'en', minPasswordLength: 8, legacyApis: [] });
    if (!added.ok) throw new Error(`cannot register the bench client: ${added.reason}`);
    const response = await fetch(`${resetUrl}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: added.client.clientId, client_secret: added.clientSecret }),
    });
    const { access_token: accessToken } = (await response.json()) as { access_token?: string };
    if (!accessToken) throw new Error(`no access token for the bench client (status ${response.status})`);
    return `Bearer ${accessToken}`;
  } finally {
    connection.disconnect();
  }
}
