// Browser-safe entry: schemas, codes and pure functions. The router lives at `./router`.
export * from './error-codes.js';
export * from './schemas.js';
export * from './admin-schemas.js';
export * from './client-schemas.js';
export * from './result.js';
export * from './password-policy.js';
export * from './normalize-email.js';
export * from './reset-secret.js';
export * from './locale.js';
export type { AppRouter } from './router/index.js';
export * from './jobs.js';
export * from './dependency-unavailable-error.js';
