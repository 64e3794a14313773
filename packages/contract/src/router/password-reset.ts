import type { TRPCRouterRecord } from '@trpc/server';
import { completeCodeReset } from '../engine/complete-code-reset.js';
import { completePasswordReset } from '../engine/complete-reset.js';
import { disputePasswordChange } from '../engine/dispute-password-change.js';
import { inspectPasswordReset } from '../engine/inspect-reset.js';
import { requestPasswordReset } from '../engine/request-reset.js';
import { describePasswordPolicy } from '../password-policy.js';
import {
  completeResetInputSchema,
  completeResetOutputSchema,
  disputeInputSchema,
  disputeOutputSchema,
  inspectResetInputSchema,
  inspectResetOutputSchema,
  passwordPolicySchema,
  requestResetInputSchema,
  requestResetOutputSchema,
} from '../schemas.js';
import { toTRPCError, unwrapResetResult } from './reset-failure-error.js';
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

  /**
   * Sets the new password and kills the secret: a link's (`{ token, password }`, open to anyone
   * holding it), or a code flow's (`{ flowId, code, password }`), which only the application that
   * requested the flow may complete: the flow is bound to it, so that call needs its access token.
   */
  complete: publicProcedure
    .input(completeResetInputSchema)
    .output(completeResetOutputSchema)
    .mutation(async ({ ctx, input }) => {
      if (!('flowId' in input)) return unwrapResetResult(await completePasswordReset(ctx, input, ctx.requester));
      if (!ctx.client) throw toTRPCError({ code: 'UNAUTHORIZED' });
      return unwrapResetResult(await completeCodeReset(ctx, input, ctx.requester, ctx.client));
    }),

  /**
   * "This wasn't me": secures the account whose password change the dispute secret (from the
   * "password changed" mail's `/secure` link) tells of. Open to anyone holding the secret, as a
   * link is; a reset secret is refused here (TOKEN_INVALID), as a dispute secret is by `inspect`
   * and `complete`. A mutation: the page calls it only on the user's click, never on load.
   */
  dispute: publicProcedure
    .input(disputeInputSchema)
    .output(disputeOutputSchema)
    .mutation(async ({ ctx, input }) => unwrapResetResult(await disputePasswordChange(ctx, input, ctx.requester))),

  /**
   * What a form needs to guide the user before submitting. No client or secret is known here, so
   * no directory either: this is the default policy, without `maxBytes`, which only a directory's
   * hash format imposes (bcrypt: 72 bytes). `inspect` describes a link's policy with it.
   */
  policy: publicProcedure
    .output(passwordPolicySchema)
    .query(({ ctx }) => describePasswordPolicy(ctx.defaultPasswordPolicy, { checksBreaches: ctx.breachedPasswords !== undefined })),
} satisfies TRPCRouterRecord;
