import type { TRPCRouterRecord } from '@trpc/server';
import { startAdminResetInputSchema, startAdminResetOutputSchema } from '../admin-schemas.js';
import { startAdminReset } from '../engine/start-admin-reset.js';
import { unwrapResetResult } from './reset-failure-error.js';
import { adminProcedure } from './trpc.js';

export const adminRouter = {
  /**
   * An application's back office starts a reset for one of its users: mailed, or (for clients
   * allowed `--allow-admin-links`) the link returned once. Answers the real outcome; audited.
   */
  startReset: adminProcedure
    .input(startAdminResetInputSchema)
    .output(startAdminResetOutputSchema)
    .mutation(async ({ ctx, input }) =>
      unwrapResetResult(
        await startAdminReset(ctx, {
          client: ctx.client,
          target: 'email' in input ? { email: input.email } : { userId: input.userId },
          ttlSeconds: input.ttlSeconds,
          deliver: input.deliver,
          locale: input.locale,
          startedBy: 'client',
        }),
      ),
    ),
} satisfies TRPCRouterRecord;
