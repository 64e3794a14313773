import { randomInt } from 'node:crypto';
import { mkdirSync, openSync, closeSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where test ports are chosen: below Linux's ephemeral range (32768–60999 by default), so that no
 * outgoing connection of any process, and no port the kernel hands out for `listen(0)`, can take
 * a port between a test finding it free and its server binding it.
 */
export const TEST_PORT_RANGE = { low: 20_000, high: 32_000 } as const;

/** One file per port handed out, so that test files running side by side never get the same one. */
const RESERVATIONS = join(tmpdir(), 'pwreset-test-ports');
/** A reservation older than this is left over from an earlier run: no test file holds a port so long. */
const RESERVATION_MS = 15 * 60_000;
const ATTEMPTS = 500;

/** Claims `port` for this process unless another claimed it recently (O_EXCL makes the claim atomic). */
function reserve(port: number): boolean {
  const file = join(RESERVATIONS, String(port));
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    if (Date.now() - statSync(file).mtimeMs < RESERVATION_MS) return false;
    unlinkSync(file);
    closeSync(openSync(file, 'wx'));
    return true;
  } catch {
    // Another process took the stale reservation over first.
    return false;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port on 127.0.0.1 that nobody listens on and that no other test of any process was handed
 * in the last quarter of an hour: tests running side by side (vitest workers, packages) each start
 * servers of their own, and must never be handed one port.
 */
export async function findFreePort(): Promise<number> {
  mkdirSync(RESERVATIONS, { recursive: true });
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = randomInt(TEST_PORT_RANGE.low, TEST_PORT_RANGE.high + 1);
    if (reserve(port) && (await canListen(port))) return port;
  }
  throw new Error(`no free test port in ${TEST_PORT_RANGE.low}–${TEST_PORT_RANGE.high} after ${ATTEMPTS} tries`);
}
