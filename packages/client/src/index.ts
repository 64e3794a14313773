// Browser-safe: nothing here imports a Node built-in.
export * from './trpc/index.js';
export * from './webhooks/index.js';
export type { AppRouter } from '@pwreset/contract/router';
export { RESET_ERROR_CODES, type PasswordRefusalReason, type ResetErrorCode } from '@pwreset/contract';
