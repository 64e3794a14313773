import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceMetrics, EVENT_LOOP_SAMPLING_MS } from '../metrics/service-metrics.js';
import { eventLoopDelayOf, readEventLoopLagP99Ms, readEventLoopP99Ms } from './event-loop-delay.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the loop for `ms`, as a long synchronous step of a request would. */
function blockLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

// The service's own metrics registry behind a real HTTP server, read as the bench reads the reset server's.
describe("the bench's reading of the event loop's delay", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const metrics = createServiceMetrics();
    server = createServer((_request, response) => {
      void metrics.registry.metrics().then((text) => response.end(text));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("finds the sampling interval in prom-client's lag: an idle loop reads about the interval", async () => {
    await readEventLoopLagP99Ms(url);
    await sleep(1_000);
    // Only ever more under load: the interval is a floor of every sample, not a delay of the loop.
    expect(await readEventLoopLagP99Ms(url)).toBeGreaterThanOrEqual(EVENT_LOOP_SAMPLING_MS - 1);
  });

  it('reads an idle loop as waiting next to nothing, not as the interval', async () => {
    await readEventLoopP99Ms(url);
    await sleep(1_000);
    // This file runs alone (vitest.config.ts ONE_AT_A_TIME): nothing else of ours holds a core.
    expect(await readEventLoopP99Ms(url)).toBeLessThan(EVENT_LOOP_SAMPLING_MS / 2);
  });

  it('takes the interval off, and only the interval: a loop held 50 ms reads at least 40 ms of delay', async () => {
    await readEventLoopP99Ms(url);
    for (let block = 0; block < 3; block += 1) {
      await sleep(150);
      blockLoop(50);
    }
    await sleep(150);
    expect(await readEventLoopP99Ms(url)).toBeGreaterThanOrEqual(40);
  });

  it('never reads below nothing', () => {
    expect(eventLoopDelayOf(EVENT_LOOP_SAMPLING_MS + 4.567)).toBe(4.57);
    expect(eventLoopDelayOf(EVENT_LOOP_SAMPLING_MS - 1)).toBe(0);
  });
});
