import { initTRPC } from '@trpc/server';
import { ADMIN_SCOPE } from '../admin-schemas.js';
import type { Requester, ResetClient, ResetPorts } from '../engine/ports.js';
import type { PasswordPolicy } from '../password-policy.js';
import { formatResetError } from './format-error.js';
import { toTRPCError } from './reset-failure-error.js';

// ---------------------------------------------------------------------------
// Context: the ports of the engine, plus who is calling. The server fills it.
// ---------------------------------------------------------------------------

export interface ResetApiContext extends ResetPorts {
  /** The application that authenticated this call, or null when it presented no valid credentials. */
  readonly client: ResetClient | null;
  /** The caller as the network sees it (the socket, or a trusted proxy's X-Forwarded-For). */
  readonly requester: Requester;
  /** Whether the caller presented a bearer token at all (RFC 6750 §3.1: no error code when none was). */
  readonly accessTokenPresented: boolean;
  /** The scopes the access token was granted beyond `password-reset` (e.g. ADMIN_SCOPE); empty without one. */
  readonly scopes: readonly string[];
  /** The policy `passwordReset.policy()` describes when no client or secret narrows it. */
  readonly defaultPasswordPolicy: PasswordPolicy;
}

// ---------------------------------------------------------------------------
// initTRPC: isDev is set explicitly so that no error body ever carries a stack.
// ---------------------------------------------------------------------------

const t = initTRPC.context<ResetApiContext>().create({
  isDev: false,
  errorFormatter: formatResetError,
});

export const createTRPCRouter = t.router;

// ---------------------------------------------------------------------------
// Procedures
// ---------------------------------------------------------------------------

/** Open to anyone: the reset secret in the input is the capability. */
export const publicProcedure = t.procedure;

/** Needs an authenticated application; it becomes `ctx.client`. */
export const clientProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.client) throw toTRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, client: ctx.client } });
});

/**
 * Needs an application whose token was granted ADMIN_SCOPE and which is still allowed it (an
 * operator may withdraw `--allow-admin` while the token lives). A refusal is audited: it is an
 * attempt at an operator's path.
 */
export const adminProcedure = clientProcedure.use(async ({ ctx, next }) => {
  if (!ctx.scopes.includes(ADMIN_SCOPE) || ctx.client.allowAdmin !== true) {
    await ctx.audit.record({
      action: 'admin-start',
      outcome: 'refused',
      reason: 'FORBIDDEN',
      clientId: ctx.client.id,
      actor: ctx.client.id,
    });
    throw toTRPCError({ code: 'FORBIDDEN' });
  }
  return next();
});
