import { TRPC_CODE_BY_RESET_ERROR, type AppRouter } from '@pwreset/contract/router';
import { TRPCError, type inferRouterInputs } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';

/** The most calls one batched tRPC request may carry (the adapter's `maxBatchSize`); more: 400 INVALID_INPUT. */
export const MAX_TRPC_BATCH_SIZE = 10;

type RouterInputs = inferRouterInputs<AppRouter>;
/** `passwordReset.request` and its kin: a typo in a path below is a compile error. */
type ProcedurePath = { [Router in keyof RouterInputs]: `${Router & string}.${keyof RouterInputs[Router] & string}` }[keyof RouterInputs];

/**
 * Procedures refused inside a batch, even a batch of one. A reset request is throttled, audited
 * and answered in the same time whether or not the account exists, once per HTTP request: in a
 * batch, the answers to several addresses would share one response and its timing, and one
 * request would spend several throttle points. A batch of one is refused too, so that a client
 * that batches fails on its first call rather than only under load.
 */
const UNBATCHABLE_PROCEDURES: readonly ProcedurePath[] = ['passwordReset.request'];

/** Why a batch was refused, as an input issue (formatResetError shows `issues`, never our message text). */
class UnbatchableProcedureError extends Error {
  readonly issues: ReadonlyArray<{ readonly path: readonly string[]; readonly message: string }>;
  constructor(path: ProcedurePath) {
    super(`${path} cannot be batched`);
    this.name = 'UnbatchableProcedureError';
    this.issues = [{ path: [], message: this.message }];
  }
}

/**
 * Throws when a batched request calls an unbatchable procedure. Called from createContext, which
 * runs before any procedure: every call of the batch then fails with this error, and none runs.
 */
export function refuseUnbatchableCalls(info: Pick<TRPCRequestInfo, 'isBatchCall' | 'calls'>): void {
  if (!info.isBatchCall) return;
  const unbatchable = UNBATCHABLE_PROCEDURES.find((path) => info.calls.some((call) => call.path === path));
  if (unbatchable === undefined) return;
  throw new TRPCError({
    code: TRPC_CODE_BY_RESET_ERROR.INVALID_INPUT,
    message: `${unbatchable} cannot be batched`,
    cause: new UnbatchableProcedureError(unbatchable),
  });
}
