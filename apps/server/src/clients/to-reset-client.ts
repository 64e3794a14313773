import { DEFAULT_PASSWORD_POLICY } from '@pwreset/contract';
import type { ResetClient } from '@pwreset/contract/engine';
import type { StoredClient } from './stored-client.js';

export interface ClientDefaults {
  /** Our hosted page, always an allowed link target. */
  readonly hostedResetPageUrl: string;
  /** RESET_TOKEN_TTL, for clients that did not choose a lifetime. */
  readonly resetTokenTtlSeconds: number;
}

/**
 * MERGE(i12-engine): the engine branch adds `directory` to ResetClient itself; then this is ResetClient.
 * Until then the registry's clients carry it all the same.
 */
export type DirectoryBoundResetClient = ResetClient & { readonly directory: string };

/** The engine's view of a client. Our hosted page is always an allowed link target, and the last. */
export function toResetClient(clientId: string, stored: StoredClient, defaults: ClientDefaults): DirectoryBoundResetClient {
  return {
    id: clientId,
    name: stored.name,
    senderName: stored.senderName ?? stored.name,
    resetTokenTtlSeconds: stored.ttlSeconds ?? defaults.resetTokenTtlSeconds,
    defaultLocale: stored.defaultLocale,
    passwordPolicy: { minLength: stored.minPasswordLength, maxLength: DEFAULT_PASSWORD_POLICY.maxLength },
    resetUrls: [...new Set([...stored.resetUrls, defaults.hostedResetPageUrl])],
    legacyApis: stored.legacyApis,
    ...(stored.webhookUrl ? { webhookUrl: stored.webhookUrl } : {}),
    ...(stored.mailTemplateIds ? { mailTemplateIds: stored.mailTemplateIds } : {}),
    directory: stored.directory,
  };
}
