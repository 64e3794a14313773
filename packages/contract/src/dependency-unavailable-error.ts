/**
 * A store the service needs (Redis) cannot be reached. Adapters throw it so that every path
 * fails closed with 503 SERVICE_UNAVAILABLE, never with a half-done answer or a 500.
 */
export class DependencyUnavailableError extends Error {
  constructor(readonly dependency: string) {
    super(`${dependency} is unavailable`);
    this.name = 'DependencyUnavailableError';
  }
}
