import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ResponseAlteration = (path: string, response: { status: number; body: string }) => { status: number; body: string } | undefined;

/**
 * A "deliberately broken deployment": a real HTTP proxy in front of a working server that
 * rewrites the answer of some routes, so tests can prove a verification catches drift.
 */
export async function startAlteringProxy(target: string, alter: ResponseAlteration): Promise<{ url: string; close(): Promise<void> }> {
  const readBody = async (request: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const headers = Object.fromEntries(
        Object.entries(request.headers)
          .filter(([name]) => !['host', 'connection', 'content-length'].includes(name))
          .map(([name, value]) => [name, String(value)]),
      );
      const upstream = await fetch(`${target}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers,
        ...(body.length > 0 ? { body } : {}),
        redirect: 'manual',
      });
      const original = { status: upstream.status, body: await upstream.text() };
      const altered = alter(new URL(request.url ?? '/', target).pathname, original) ?? original;
      const passHeaders = Object.fromEntries(
        [...upstream.headers].filter(([name]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)),
      );
      response.writeHead(altered.status, passHeaders).end(altered.body);
    })();
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
