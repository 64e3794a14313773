import { DEFAULT_PASSWORD_POLICY } from '@pwreset/contract';
import { DEFAULT_USER_DIRECTORY, type ResetClient } from '@pwreset/contract/engine';

/** A registered client as the engine sees it, for router tests over fake ports. */
export function fakeResetClient(id: string, legacyApis: ResetClient['legacyApis']): ResetClient {
  return {
    id,
    name: id,
    senderName: id,
    resetTokenTtlSeconds: 86_400,
    defaultLocale: 'en',
    passwordPolicy: DEFAULT_PASSWORD_POLICY,
    resetUrls: ['http://localhost/reset'],
    legacyApis,
    directory: DEFAULT_USER_DIRECTORY,
  };
}
