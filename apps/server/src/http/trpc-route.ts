import { appRouter, ResetFailureError, type ResetApiContext } from '@pwreset/contract/router';
import type { ResetClient, ResetPorts } from '@pwreset/contract/engine';
import type { PasswordPolicy } from '@pwreset/contract';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { bearerChallenge, readBearerToken } from '../oauth/bearer-token.js';
import { requesterOf } from './requester.js';
import { isExpectedOutage } from '../observability/outage-log.js';
import { MAX_TRPC_BATCH_SIZE, refuseUnbatchableCalls } from './trpc-batch-rules.js';

/** Bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface TrpcRouteOptions {
  readonly ports: ResetPorts;
  readonly logger: Logger;
  readonly defaultPasswordPolicy: PasswordPolicy;
  /** The client an access token was issued to and the scopes it was granted, while it is valid; else null. */
  readonly verifyAccessToken: (accessToken: string) => Promise<{ client: ResetClient; scopes: readonly string[] } | null>;
}

export function trpcRoute({ ports, logger, defaultPasswordPolicy, verifyAccessToken }: TrpcRouteOptions): RequestHandler {
  return createExpressMiddleware({
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    // One HTTP request is one unit of throttling and timing: a batch may not multiply it unbounded.
    maxBatchSize: MAX_TRPC_BATCH_SIZE,
    createContext: async ({ req, info }): Promise<ResetApiContext> => {
      refuseUnbatchableCalls(info);
      const bearer = readBearerToken(req.headers);
      const authorized = bearer.presented && bearer.token ? await verifyAccessToken(bearer.token) : null;
      return {
        ...ports,
        defaultPasswordPolicy,
        client: authorized?.client ?? null,
        scopes: authorized?.scopes ?? [],
        accessTokenPresented: bearer.presented,
        requester: requesterOf(req),
      };
    },
    responseMeta: ({ ctx, errors }) => {
      const headers = new Headers();
      // RFC 6750 §3: a 401 names the scheme, and says invalid_token when a token was presented.
      if (errors.some((error) => error.code === 'UNAUTHORIZED'))
        headers.set('WWW-Authenticate', bearerChallenge(ctx?.accessTokenPresented ?? false));
      const retryAfter = errors
        .map((error) => (error.cause instanceof ResetFailureError ? error.cause.failure.retryAfterSeconds : undefined))
        .find(Boolean);
      if (retryAfter !== undefined) headers.set('Retry-After', String(retryAfter));
      return { headers };
    },
    onError: ({ error, path }) => {
      // Expected failures are answers, not incidents; log only what is unexpected, without input.
      // An outage (503) is reported once by the outage log where the port was called.
      if (error.code === 'INTERNAL_SERVER_ERROR' && !isExpectedOutage(error))
        logger.error({ path, err: error.cause ?? error }, 'procedure failed');
    },
  });
}
