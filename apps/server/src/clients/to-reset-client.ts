import { DEFAULT_PASSWORD_POLICY } from '@pwreset/contract';
import type { ResetClient } from '@pwreset/contract/engine';
import type { StoredClient } from './stored-client.js';

export interface ClientDefaults {
  /** Our hosted page, always an allowed link target. */
  readonly hostedResetPageUrl: string;
  /** RESET_TOKEN_TTL, for clients that did not choose a lifetime. */
  readonly resetTokenTtlSeconds: number;
}

/** The engine's view of a client. Our hosted page is always an allowed link target, and the last. */
export function toResetClient(clientId: string, stored: StoredClient, defaults: ClientDefaults): ResetClient {
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
    ...(stored.adminResets === '0' ? {} : { allowAdmin: true, allowAdminLinks: stored.adminResets === '2' }),
  };
}
