import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMailRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/**
 * A real HTTP server standing in for SendGrid's v3 API, for tests of a server running in its own
 * process (msw can only intercept inside the test's process).
 */
export async function startFakeSendGrid(): Promise<{ url: string; received: ReceivedMailRequest[]; close(): Promise<void> }> {
  const received: ReceivedMailRequest[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(body || 'null') });
      response.writeHead(202).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
