import type { ClientDirectoryUnderTest } from '@pwreset/contract/testing/conformance';
import type { ClientRegistry } from '../../src/clients/client-registry.js';

/** The client-directory conformance suite's seeding, done through the registry as an operator would. */
export function seedingThroughRegistry(registry: ClientRegistry): Pick<ClientDirectoryUnderTest, 'register' | 'revoke'> {
  return {
    async register({ name, resetUrls, ttlSeconds, minPasswordLength, legacyApis, webhookUrl }) {
      const added = await registry.add({
        name,
        resetUrls: [...resetUrls],
        ttlSeconds,
        defaultLocale: 'en',
        minPasswordLength,
        legacyApis: [...legacyApis],
        ...(webhookUrl === undefined ? {} : { webhookUrl }),
      });
      if (!added.ok) throw new Error(`registration refused: ${added.reason}`);
      return added.client.clientId;
    },
    async revoke(clientId) {
      const revoked = await registry.revoke(clientId);
      if (!revoked.ok) throw new Error(`revocation refused: ${revoked.reason}`);
    },
  };
}
