import { createServer, connect, type Server, type Socket } from 'node:net';

export interface RoundTripProxy {
  /** `redis://127.0.0.1:<port>`: point the client here instead of at Redis. */
  readonly url: string;
  /**
   * Round trips so far over every connection: each time a client sends after it last received (or
   * first sends), one more. Commands written back to back without waiting for a reply (a pipeline,
   * or calls issued in one tick) are one; a command sent after another's reply is a second.
   */
  roundTrips(): number;
  stop(): Promise<void>;
}

/**
 * A TCP proxy in front of a Redis that counts round trips as the network sees them, whatever the client
 * library does: the bench and the tests read from it how many times one operation waited on Redis.
 */
export async function startRoundTripProxy(
  target: { readonly host: string; readonly port: number },
  {
    replyDelayMs = 0,
  }: {
    /**
     * Holds each reply this long before the client gets it. A client that sends several commands at once (calls
     * issued in one tick) writes them one after another; on a loaded machine Redis may answer the first before
     * the proxy has read the last, and they would count as two round trips though the client never waited. A
     * client cannot send what depends on a reply before it has the reply, so a delay longer than such a gap
     * counts what the client waited on, whatever the load. 0: replies pass at once (for sequential commands).
     */
    readonly replyDelayMs?: number;
  } = {},
): Promise<RoundTripProxy> {
  let roundTrips = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    // Whether the client has been answered since it last sent: its next write is then a new round trip.
    let answered = true;
    client.on('data', (chunk) => {
      if (answered) roundTrips += 1;
      answered = false;
      upstream.write(chunk);
    });
    const deliver = (chunk: Buffer) => {
      answered = true;
      if (!client.destroyed) client.write(chunk);
    };
    // Timers of one delay fire in the order they were set: replies keep their order.
    upstream.on('data', (chunk: Buffer) => (replyDelayMs > 0 ? setTimeout(deliver, replyDelayMs, chunk) : deliver(chunk)));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no TCP port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    roundTrips: () => roundTrips,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
