import type { ClientDirectory, LegacyApi, ResetClient } from '../engine/ports.js';
import { DEFAULT_USER_DIRECTORY } from '../engine/user-directory-port.js';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy.js';

/** The client directory, plus the set-up a test needs. */
export interface InMemoryClientDirectory extends ClientDirectory {
  /** Registers (or replaces) a client. */
  register(client: ResetClient): void;
  /** Revokes a client: it is no longer found. */
  revoke(clientId: string): void;
}

/** Active clients in a Map; a revoked one is gone, as the Redis registry's findById says. */
export function inMemoryClientDirectory(clients: readonly ResetClient[] = []): InMemoryClientDirectory {
  const byId = new Map(clients.map((client) => [client.id, client]));
  return {
    findById: async (clientId) => byId.get(clientId) ?? null,
    register: (client) => void byId.set(client.id, client),
    revoke: (clientId) => void byId.delete(clientId),
  };
}

/** The page every client's links may point to, last on its list, as the server registers it. */
export const TEST_HOSTED_RESET_PAGE_URL = 'http://localhost:3000/reset';

/** A registered client as the engine sees it, with the server's defaults; override what a test is about. */
export function testResetClient(
  overrides: Partial<ResetClient> & { readonly id?: string; readonly legacyApis?: readonly LegacyApi[] } = {},
): ResetClient {
  const id = overrides.id ?? 'cl_test';
  const name = overrides.name ?? 'Test Application';
  return {
    id,
    name,
    senderName: name,
    resetTokenTtlSeconds: 86_400,
    defaultLocale: 'en',
    passwordPolicy: DEFAULT_PASSWORD_POLICY,
    resetUrls: [TEST_HOSTED_RESET_PAGE_URL],
    legacyApis: [],
    directory: DEFAULT_USER_DIRECTORY,
    ...overrides,
  };
}
