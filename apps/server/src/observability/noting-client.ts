import type { AccessTokenStore } from '../oauth/access-token-store.js';
import { currentRequestContext } from './request-context.js';

/** The access-token store, noting for the access log which client a valid token named. */
export function notingClient(accessTokens: AccessTokenStore): AccessTokenStore {
  return {
    issue: (clientId, credentialsVersion, shape, scopes) => accessTokens.issue(clientId, credentialsVersion, shape, scopes),
    async verify(accessToken) {
      const client = await accessTokens.verify(accessToken);
      const context = currentRequestContext();
      if (client && context) context.clientId = client.id;
      return client;
    },
    async authorize(accessToken) {
      const authorized = await accessTokens.authorize(accessToken);
      const context = currentRequestContext();
      if (authorized && context) context.clientId = authorized.client.id;
      return authorized;
    },
  };
}
