import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** The API key the bench's SendGrid mailers carry to the sink, which accepts any. */
export const SINK_API_KEY = 'bench-sink-key';

/** A local server that speaks enough of SendGrid's v3 API for the worker: the key check and `POST /v3/mail/send`. */
export interface SendGridSink {
  readonly url: string;
  /** Mails accepted so far. */
  readonly accepted: number;
  /** `performance.now()` of the first and of the latest accepted mail; null before the first. */
  readonly firstAt: number | null;
  readonly lastAt: number | null;
  close(): Promise<void>;
}

/**
 * Accepts every mail at once (202, SendGrid's answer) and counts it, reading the body but keeping
 * nothing: it stands where SendGrid would, so the mail pipeline is measured up to the HTTP call a
 * real delivery makes, and no further.
 */
export async function startSendGridSink({
  onAccepted = () => undefined,
}: {
  /** Called as each mail is accepted, with the count so far: a reading taken here is taken at that mail, not at a later poll. */
  readonly onAccepted?: (acceptedSoFar: number) => void;
} = {}): Promise<SendGridSink> {
  let accepted = 0;
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/v3/scopes') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"scopes":["mail.send"]}');
        return;
      }
      if (request.method === 'POST' && request.url === '/v3/mail/send') {
        accepted += 1;
        lastAt = performance.now();
        firstAt ??= lastAt;
        onAccepted(accepted);
        response.writeHead(202).end();
        return;
      }
      response.writeHead(404).end();
    });
  });
  // The worker keeps its connections alive between mails, as it would to SendGrid.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    get firstAt() {
      return firstAt;
    },
    get lastAt() {
      return lastAt;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
