import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RangeRequest {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** How the fake answers: as the real range API does, never (hangs), or with a 500. */
export type RangeApiMode = 'answer' | 'hang' | 'error';

export interface FakeRangeApi {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly RangeRequest[];
  setMode(mode: RangeApiMode): void;
  close(): Promise<void>;
}

export function sha1Hex(password: string): string {
  return createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();
}

/**
 * A k-anonymity range API (`GET /range/{5 hex}` → `SUFFIX:COUNT` lines) on a free loopback port,
 * over a corpus of `breached` passwords with their counts. With `Add-Padding: true` it adds
 * padding lines of count 0, the real API's way of hiding the answer's size; `padded` passwords
 * appear only as such padding, so a test can show that count 0 refuses nothing.
 */
export async function startFakeRangeApi(corpus: {
  breached: Readonly<Record<string, number>>;
  padded?: readonly string[];
}): Promise<FakeRangeApi> {
  const entries = [
    ...Object.entries(corpus.breached).map(([password, count]) => ({ hash: sha1Hex(password), count, padding: false })),
    ...(corpus.padded ?? []).map((password) => ({ hash: sha1Hex(password), count: 0, padding: true })),
  ];
  const requests: RangeRequest[] = [];
  const hanging = new Set<ServerResponse>();
  let mode: RangeApiMode = 'answer';
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    if (mode === 'hang') {
      hanging.add(response);
      return;
    }
    if (mode === 'error') {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    const prefix = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '')?.[1];
    if (!prefix) {
      response.writeHead(400).end('The hash prefix was not in a valid format');
      return;
    }
    const padding = request.headers['add-padding'] === 'true';
    const lines = entries
      .filter((entry) => entry.hash.startsWith(prefix) && (padding || !entry.padding))
      .map((entry) => `${entry.hash.slice(5)}:${entry.count}`);
    // Some random-looking padding of other suffixes too, as the real API sends.
    if (padding) lines.push('0000000000000000000000000000000000A:0', 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5:0');
    response.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\r\n'));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setMode(next) {
      mode = next;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
