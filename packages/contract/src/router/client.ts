import type { TRPCRouterRecord } from '@trpc/server';
import { whoamiOutputSchema } from '../client-schemas.js';
import { clientProcedure } from './trpc.js';

export const clientRouter = {
  /**
   * Who the bearer token belongs to and which legacy APIs it may use, so a tool (the verification
   * kit) can tell "not registered for it" from a broken route without guessing from error answers.
   */
  whoami: clientProcedure
    .output(whoamiOutputSchema)
    .query(({ ctx }) => ({ clientId: ctx.client.id, name: ctx.client.name, legacyApis: [...ctx.client.legacyApis] })),
} satisfies TRPCRouterRecord;
