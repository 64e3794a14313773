import { ADMIN_SCOPE, DependencyUnavailableError } from '@pwreset/contract';
import express, { Router, type ErrorRequestHandler, type Response } from 'express';
import type { ClientRegistry } from '../clients/client-registry.js';
import type { AccessTokenStore } from './access-token-store.js';
import { readClientCredentialsRequest, type OAuthErrorCode } from './client-credentials-request.js';

export const ACCESS_TOKEN_SCOPE = 'password-reset';
const MAX_BODY = '16kb';

/** RFC 6749 §5.1: token responses must not be cached. */
function noStore(res: Response): Response {
  return res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
}

export function sendOAuthError(res: Response, error: OAuthErrorCode, description: string, basicUsed = false): void {
  const status = error === 'invalid_client' ? 401 : 400;
  if (status === 401 && basicUsed) res.set('WWW-Authenticate', 'Basic realm="pwreset", charset="UTF-8"');
  noStore(res).status(status).json({ error, error_description: description });
}

/** Malformed or oversized bodies still get an RFC 6749 §5.2 answer, not the framework's page. */
const bodyErrorsAsOAuth: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const tooLarge = error.type === 'entity.too.large' || error.status === 413;
  if (tooLarge) {
    noStore(res).status(413).json({ error: 'invalid_request', error_description: 'The request body is too large.' });
    return;
  }
  sendOAuthError(res, 'invalid_request', 'The request body could not be read.');
};

export interface TokenEndpointOptions {
  readonly clients: ClientRegistry;
  readonly accessTokens: AccessTokenStore;
}

/** `POST /oauth/token`: the client-credentials grant of RFC 6749 §4.4. */
export function tokenEndpoint({ clients, accessTokens }: TokenEndpointOptions): Router {
  const router = Router();
  router.post(
    '/oauth/token',
    express.urlencoded({ extended: false, limit: MAX_BODY, parameterLimit: 20 }),
    express.json({ limit: MAX_BODY }),
    async (req, res) => {
      const request = readClientCredentialsRequest(req.headers, req.body, req.query);
      if (!request.ok) return sendOAuthError(res, request.error, request.description, request.basicUsed);
      try {
        const authenticated = await clients.authenticateSecret(request.clientId, request.clientSecret);
        if (!authenticated) return sendOAuthError(res, 'invalid_client', 'Client authentication failed.', request.basicUsed);
        // Every token gets `password-reset`. `password-reset:admin` only when asked for and allowed
        // (`clients update --allow-admin`); any other requested scope is ignored, as RFC 6749 §3.3
        // allows, and the answer states what was granted, so clients written for another server work.
        const granted = request.requestedScopes.includes(ADMIN_SCOPE) && authenticated.client.allowAdmin === true ? [ADMIN_SCOPE] : [];
        const issued = await accessTokens.issue(authenticated.client.id, authenticated.credentialsVersion, 'pwreset', granted);
        noStore(res).json({
          access_token: issued.accessToken,
          token_type: 'bearer',
          expires_in: issued.expiresIn,
          scope: [ACCESS_TOKEN_SCOPE, ...granted].join(' '),
        });
      } catch (error) {
        if (!(error instanceof DependencyUnavailableError)) throw error;
        // Fail closed, in the RFC's shape (`temporarily_unavailable`, borrowed from §4.1.2.1).
        noStore(res)
          .status(503)
          .set('Retry-After', '5')
          .json({ error: 'temporarily_unavailable', error_description: 'Try again shortly.' });
      }
    },
  );
  router.all('/oauth/token', (_req, res) => {
    res.set('Allow', 'POST');
    noStore(res).status(405).json({ error: 'invalid_request', error_description: 'Use POST.' });
  });
  router.use('/oauth/token', bodyErrorsAsOAuth);
  return router;
}
