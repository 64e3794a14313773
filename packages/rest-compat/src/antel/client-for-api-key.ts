import type { ResetClient } from '@pwreset/contract/engine';
import type { LegacyDependencies } from '../legacy-dependencies.js';

/** Keys we issue are far shorter; a longer value is not worth a lookup. */
const MAX_API_KEY_LENGTH = 256;

/**
 * The client application an Antel `ApiKey` identifies, when it may use the Antel API; else null.
 * A key of a client without Antel access is treated as unknown: the answer (401) tells a caller
 * nothing about keys of other APIs. Surrounding white space is ignored, so the pretty-printed
 * JSV of the legacy document (`apiKey: …`) authenticates.
 */
export async function clientForApiKey(deps: LegacyDependencies, apiKey: string | undefined): Promise<ResetClient | null> {
  const key = apiKey?.trim();
  if (key === undefined || key === '' || key.length > MAX_API_KEY_LENGTH) return null;
  const client = await deps.clients.findByApiKey(key);
  return client && client.legacyApis.includes('antel') ? client : null;
}
