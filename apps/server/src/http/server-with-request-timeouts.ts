import { createServer, type RequestListener, type Server } from 'node:http';

export interface RequestTimeoutOptions {
  /** REQUEST_TIMEOUT: the longest a client may take to send one whole request, headers and body, in ms. */
  readonly requestTimeoutMs: number;
}

/** How often Node looks for requests past their timeout: a slow request is cut at most this late. */
const LONGEST_TIMEOUT_CHECK_INTERVAL_MS = 1000;

/**
 * An HTTP server that answers 408 and closes a connection whose request is not fully received
 * within `requestTimeoutMs`, so a client sending its headers or body a byte at a time (slowloris)
 * cannot hold a connection for minutes (Node's defaults: 60 s for headers, 300 s for the request).
 * Only the receiving is bounded: a handler still working on a received request is not cut.
 *
 * The server is created here rather than by express's `app.listen`, because Node reads the
 * interval of its timeout checks only when the server is created (30 s by default, which would
 * let a 1 s timeout run for 31 s).
 */
export function createServerWithRequestTimeouts(listener: RequestListener, { requestTimeoutMs }: RequestTimeoutOptions): Server {
  return createServer(
    {
      requestTimeout: requestTimeoutMs,
      // The headers are part of the request: their own limit may not exceed the whole's.
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(LONGEST_TIMEOUT_CHECK_INTERVAL_MS, requestTimeoutMs),
    },
    listener,
  );
}
