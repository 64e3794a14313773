import { DEFAULT_PASSWORD_POLICY } from '@pwreset/contract';
import type { ClientDirectory, ResetClient } from '@pwreset/contract/engine';
import type { ServerConfig } from '../config/load-config.js';

export const DEFAULT_CLIENT_ID = 'default';

/** The built-in application: its links go to our hosted page and live RESET_TOKEN_TTL. */
export function defaultClient(config: ServerConfig): ResetClient {
  return {
    id: DEFAULT_CLIENT_ID,
    name: config.defaultApplicationName,
    resetTokenTtlSeconds: config.resetTokenTtlSeconds,
    defaultLocale: 'en',
    passwordPolicy: DEFAULT_PASSWORD_POLICY,
    resetPageUrl: `${config.publicBaseUrl}/reset`,
  };
}

/** Finds the built-in application first, then asks `registered` (the client registry). */
export function clientDirectoryWithDefault(builtIn: ResetClient, registered?: ClientDirectory): ClientDirectory {
  return {
    async findById(clientId) {
      if (clientId === builtIn.id) return builtIn;
      return registered ? registered.findById(clientId) : null;
    },
  };
}
