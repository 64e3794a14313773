/**
 * A store the service needs (Redis) cannot be reached. Adapters throw it so that every path
 * fails closed with 503 SERVICE_UNAVAILABLE, never with a half-done answer or a 500.
 */
export class DependencyUnavailableError extends Error {
  /**
   * Whether the failed call may nonetheless have taken effect: it was sent, and no answer came
   * within the timeout. A password write failing so is counted as not written (the link is
   * released), but its secret remembers that the write may have landed (see writePasswordWhileReserved).
   */
  readonly outcomeUnknown: boolean;

  constructor(
    readonly dependency: string,
    options: { readonly outcomeUnknown?: boolean } = {},
  ) {
    super(`${dependency} is unavailable`);
    this.name = 'DependencyUnavailableError';
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}
