import { once } from 'node:events';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The listener's part of a graceful shutdown, once /readyz answers 503: for `drainMs` it still
 * serves (the balancer needs a few probes to notice and stop sending), then it stops accepting,
 * and resolves once the requests in flight are answered.
 *
 * From the start every answer carries `Connection: close`, so a keep-alive client reconnects (to
 * another instance) instead of reusing a connection the server may close under its next request:
 * closing an idle keep-alive connection races a request the client is sending on it, and that
 * request would be reset.
 */
export async function drainAndCloseListener(server: Server, drainMs: number): Promise<void> {
  // Prepended, so it runs before the app's handler, which may answer synchronously.
  server.prependListener('request', (_request, response) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  });
  await sleep(drainMs);
  const closed = once(server, 'close');
  server.close();
  server.closeIdleConnections();
  await closed;
}
