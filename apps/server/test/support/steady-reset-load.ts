/** One reset request of a steady load, and how it was answered. */
export interface AnsweredRequest {
  readonly email: string;
  /** `Date.now()` when it was sent and when its answer came. */
  readonly sentAt: number;
  readonly answeredAt: number;
  /** The HTTP status, or null when no answer came within the request's timeout (or the connection failed). */
  readonly status: number | null;
}

export interface SteadyResetLoad {
  /** Every request answered so far, in the order their answers came. */
  readonly answered: readonly AnsweredRequest[];
  /** Stops sending and resolves once every request in flight has its answer. */
  stop(): Promise<readonly AnsweredRequest[]>;
}

/**
 * Sends `passwordReset.request` at a steady rate, each for the next address of `emails`, one
 * address per request so that each answer can be matched with its mail. Requests do not wait for
 * each other: a slow answer (a failover) does not slow the load down, as a real one would not.
 */
export function startSteadyResetLoad({
  url,
  accessToken,
  emails,
  perSecond,
  timeoutMs = 5_000,
}: {
  readonly url: string;
  readonly accessToken: string;
  readonly emails: readonly string[];
  readonly perSecond: number;
  readonly timeoutMs?: number;
}): SteadyResetLoad {
  const answered: AnsweredRequest[] = [];
  const inFlight = new Set<Promise<void>>();
  let next = 0;
  const send = () => {
    const email = emails[next];
    // Out of addresses: the load ends (the caller's bounds are then what fails, with their message).
    if (email === undefined) return clearInterval(timer);
    next += 1;
    const sentAt = Date.now();
    const request = fetch(`${url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ email }),
      signal: AbortSignal.timeout(timeoutMs),
    })
      .then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => null,
      )
      .then((status) => {
        answered.push({ email, sentAt, answeredAt: Date.now(), status });
      });
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  };
  const timer = setInterval(send, 1000 / perSecond);
  return {
    answered,
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      return answered;
    },
  };
}
