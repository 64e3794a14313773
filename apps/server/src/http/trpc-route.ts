import { appRouter, type ResetApiContext } from '@pwreset/contract/router';
import type { ResetClient, ResetPorts } from '@pwreset/contract/engine';
import type { PasswordPolicy } from '@pwreset/contract';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** Bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface TrpcRouteOptions {
  readonly ports: ResetPorts;
  readonly logger: Logger;
  readonly defaultPasswordPolicy: PasswordPolicy;
  /** The application behind the request, or null; where client authentication plugs in. */
  readonly authenticateClient: (req: Request) => Promise<ResetClient | null>;
}

export function trpcRoute({ ports, logger, defaultPasswordPolicy, authenticateClient }: TrpcRouteOptions): RequestHandler {
  return createExpressMiddleware({
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    createContext: async ({ req }): Promise<ResetApiContext> => ({
      ...ports,
      defaultPasswordPolicy,
      client: await authenticateClient(req),
    }),
    onError: ({ error, path }) => {
      // Expected failures are answers, not incidents; log only what is unexpected, without input.
      if (error.code === 'INTERNAL_SERVER_ERROR') logger.error({ path, err: error.cause ?? error }, 'procedure failed');
    },
  });
}
