import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from './free-port.js';

export interface PrivateRedisOptions {
  /** The port to listen on, on 127.0.0.1. Default: a free one. */
  readonly port?: number;
  /**
   * Keep an append-only file, fsynced on every write (`appendfsync always`), so that a `kill()`
   * loses no acknowledged write and a `restart()` finds every one. Default false: nothing on disk.
   */
  readonly appendonly?: boolean;
  /** Where the AOF (and any file `flags` ask for) is kept. Default: a temporary directory, removed by `stop()`. */
  readonly dir?: string;
  /**
   * More redis-server flags, given after ours, so that the last of a setting wins (e.g.
   * `['--appendonly', 'yes', '--appendfsync', 'everysec']`, `['--maxmemory-policy', 'allkeys-lru']`).
   */
  readonly flags?: readonly string[];
}

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SHUTDOWN NOSAVE) and waits for the process to exit. */
  stop(): Promise<void>;
  /** `kill -9`: the process dies at once, with no shutdown and no save; resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts a new redis-server on the same port, with the same options (the same AOF dir); resolves once it answers PING. */
  restart(): Promise<void>;
}

/**
 * Starts a redis-server of our own on a free port, keeping nothing on disk, so tests never
 * flush a Redis someone else uses. Needs the `redis-server` binary (REDIS_SERVER_BIN to override).
 * With options: a given port, and an AOF that survives `kill()` and `restart()` (fault tests).
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const keepsFiles = options.appendonly === true || (options.flags?.length ?? 0) > 0;
  const ownDir = keepsFiles && options.dir === undefined ? await mkdtemp(join(tmpdir(), 'pwreset-redis-')) : undefined;
  const dir = options.dir ?? ownDir;
  const persistence = options.appendonly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const settings = [...(dir === undefined ? [] : ['--dir', dir]), ...persistence, ...(options.flags ?? [])];
  const launch = async (port: number): Promise<ChildProcess> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...settings];
    const started = spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    await waitUntilAnswering(started, port);
    return started;
  };
  const { port, child: first } =
    options.port === undefined ? await launchOnAFreePort(launch) : { port: options.port, child: await launch(options.port) };
  let child = first;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopRedis(child);
      if (ownDir !== undefined) await rm(ownDir, { recursive: true, force: true });
    },
    kill: () => killRedis(child),
    async restart() {
      await killRedis(child);
      child = await launch(port);
    },
  };
}

/** Tries this many free ports before giving up: another process may take a port between finding it free and binding it. */
const PORT_ATTEMPTS = 5;

/** Launches on a port found free, and on another when someone took that one in between (files run side by side). */
async function launchOnAFreePort(launch: (port: number) => Promise<ChildProcess>): Promise<{ port: number; child: ChildProcess }> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    try {
      return { port, child: await launch(port) };
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw error;
    }
  }
}

/** The port was bound by another process first: ours exited, or somebody else's server answered there. */
class PortTakenError extends Error {}

/**
 * Resolves once the child answers PING on the port. A server that answers with another process id
 * is not ours (the port was taken in between): that, or the child exiting, is a PortTakenError.
 */
async function waitUntilAnswering(child: ChildProcess, port: number): Promise<void> {
  const spawnFailure = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start redis-server: ${error.message}`)));
    child.once('exit', (code) => reject(new PortTakenError(`redis-server exited early with code ${code} (port ${port} taken?)`)));
  });
  spawnFailure.catch(() => undefined);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      const info = await Promise.race([client.connect().then(() => client.info('server')), spawnFailure]);
      if (new RegExp(`^process_id:${child.pid}\\s*$`, 'm').test(info)) return;
      await killRedis(child);
      throw new PortTakenError(`port ${port} is another redis-server's`);
    } catch (error) {
      if (error instanceof PortTakenError || child.exitCode !== null || child.signalCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      client.disconnect();
    }
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port} within 10 s`);
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function killRedis(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
