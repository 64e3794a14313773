import type { AccessTokenStore } from '../oauth/access-token-store.js';
import { currentRequestContext } from './request-context.js';

/** The access-token store, noting for the access log which client a valid token named. */
export function notingClient(accessTokens: AccessTokenStore): AccessTokenStore {
  return {
    issue: (clientId, credentialsVersion, shape) => accessTokens.issue(clientId, credentialsVersion, shape),
    async verify(accessToken) {
      const client = await accessTokens.verify(accessToken);
      const context = currentRequestContext();
      if (client && context) context.clientId = client.id;
      return client;
    },
  };
}
