import type { TRPCRouterRecord } from '@trpc/server';
import { completePasswordReset } from '../engine/complete-reset.js';
import { inspectPasswordReset } from '../engine/inspect-reset.js';
import { requestPasswordReset } from '../engine/request-reset.js';
import { describePasswordPolicy } from '../password-policy.js';
import {
  completeResetInputSchema,
  completeResetOutputSchema,
  inspectResetInputSchema,
  inspectResetOutputSchema,
  passwordPolicySchema,
  requestResetInputSchema,
  requestResetOutputSchema,
} from '../schemas.js';
import { unwrapResetResult } from './reset-failure-error.js';
import { clientProcedure, publicProcedure } from './trpc.js';

export const passwordResetRouter = {
  /** An application asks for a reset mail. Same answer whether or not the account exists. */
  request: clientProcedure
    .input(requestResetInputSchema)
    .output(requestResetOutputSchema)
    // The application may speak for its end user (`context`); else the calling socket's address counts.
    .mutation(async ({ ctx, input }) =>
      unwrapResetResult(await requestPasswordReset(ctx, ctx.client, input, input.context ?? ctx.requester)),
    ),

  /**
   * Whether a secret still works. A mutation, not a query, so the secret travels in a POST
   * body and never in a URL that access logs and proxies keep. It changes nothing.
   */
  inspect: publicProcedure
    .input(inspectResetInputSchema)
    .output(inspectResetOutputSchema)
    .mutation(async ({ ctx, input }) => unwrapResetResult(await inspectPasswordReset(ctx, input, ctx.requester))),

  /** Sets the new password and kills the secret. */
  complete: publicProcedure
    .input(completeResetInputSchema)
    .output(completeResetOutputSchema)
    .mutation(async ({ ctx, input }) => unwrapResetResult(await completePasswordReset(ctx, input, ctx.requester))),

  /**
   * What a form needs to guide the user before submitting. No client or secret is known here, so
   * no directory either: this is the default policy, without `maxBytes`, which only a directory's
   * hash format imposes (bcrypt: 72 bytes). `inspect` describes a link's policy with it.
   */
  policy: publicProcedure.output(passwordPolicySchema).query(({ ctx }) => describePasswordPolicy(ctx.defaultPasswordPolicy)),
} satisfies TRPCRouterRecord;
