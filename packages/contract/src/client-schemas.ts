import { z } from 'zod';
import { LEGACY_APIS } from './engine/client-port.js';

export { LEGACY_APIS, type LegacyApi } from './engine/client-port.js';

/** `client.whoami`: the authenticated application as the service knows it (never a credential). */
export const whoamiOutputSchema = z.strictObject({
  clientId: z.string(),
  name: z.string(),
  /** The legacy APIs this client is registered for; checks and clients of the others should not expect to be served. */
  legacyApis: z.array(z.enum(LEGACY_APIS)),
});
export type WhoamiOutput = z.infer<typeof whoamiOutputSchema>;
