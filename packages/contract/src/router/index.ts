import { adminRouter } from './admin.js';
import { clientRouter } from './client.js';
import { passwordResetRouter } from './password-reset.js';
import { createTRPCRouter } from './trpc.js';

export const appRouter = createTRPCRouter({
  passwordReset: passwordResetRouter,
  client: clientRouter,
  admin: adminRouter,
});

/** Import with `import type` in clients: the router's shape, without its code. */
export type AppRouter = typeof appRouter;

export type { ResetApiContext } from './trpc.js';
export { formatResetError, type ResetErrorShape, type ResetErrorData, type ResetInputIssue } from './format-error.js';
export { TRPC_CODE_BY_RESET_ERROR } from './error-table.js';
export { ResetFailureError, toTRPCError, unwrapResetResult } from './reset-failure-error.js';
