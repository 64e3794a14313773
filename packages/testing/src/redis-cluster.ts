import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from './free-port.js';

export interface PrivateRedisClusterNode {
  readonly host: string;
  readonly port: number;
}

export interface PrivateRedisCluster {
  /** The masters, each holding a third of the slots. */
  readonly nodes: readonly PrivateRedisClusterNode[];
  /** The nodes as REDIS_CLUSTER_NODES wants them: `127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3`. */
  readonly nodeList: string;
  /** Stops one master (SIGTERM, nothing saved): its slots go uncovered, and the cluster's state turns `fail`. */
  stopNode(port: number): Promise<void>;
  /** Stops every node and removes their cluster config files. */
  stop(): Promise<void>;
}

export interface PrivateRedisClusterOptions {
  /**
   * cluster-node-timeout, in milliseconds: how long a silent master takes to be marked failed (and
   * `cluster_state` to turn `fail`). Short by default, so a test of a lost master waits little.
   */
  readonly nodeTimeoutMs?: number;
}

const MASTERS = 3;
/** A node's cluster bus listens on its port + 10000. */
const BUS_PORT_OFFSET = 10_000;

/**
 * Starts a Redis Cluster of our own: three masters on free loopback ports, keeping nothing on disk
 * but their cluster config files (in a temporary folder), joined with `redis-cli --cluster create`.
 * Resolves once every node answers `cluster_state:ok`. Needs `redis-server` and `redis-cli`
 * (REDIS_SERVER_BIN, REDIS_CLI_BIN to override).
 */
export async function startPrivateRedisCluster({ nodeTimeoutMs = 2_000 }: PrivateRedisClusterOptions = {}): Promise<PrivateRedisCluster> {
  const folder = await mkdtemp(join(tmpdir(), 'pwreset-redis-cluster-'));
  const children = new Map<number, ChildProcess>();
  const stopAll = async () => {
    await Promise.all([...children.values()].map(stopProcess));
    await rm(folder, { recursive: true, force: true });
  };
  try {
    const ports = await freeClusterPorts(MASTERS);
    for (const port of ports) {
      const child = spawn(
        process.env.REDIS_SERVER_BIN ?? 'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          join(folder, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          String(nodeTimeoutMs),
          '--save',
          '',
          '--appendonly',
          'no',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], cwd: folder },
      );
      children.set(port, child);
    }
    await Promise.all(ports.map((port) => waitUntilAnswering(children.get(port) as ChildProcess, port)));
    await createCluster(ports);
    await Promise.all(ports.map((port) => waitUntilClusterOk(port)));
    const nodes = ports.map((port) => ({ host: '127.0.0.1', port }));
    return {
      nodes,
      nodeList: nodes.map(({ host, port }) => `${host}:${port}`).join(','),
      async stopNode(port) {
        const child = children.get(port);
        if (!child) throw new Error(`no node of this cluster listens on ${port}`);
        await stopProcess(child);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Free ports whose bus ports (port + 10000) are free too. */
async function freeClusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await findFreePort();
    if (port + BUS_PORT_OFFSET > 65_535 || ports.includes(port)) continue;
    if (await isFree(port + BUS_PORT_OFFSET)) ports.push(port);
  }
  return ports;
}

async function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function createCluster(ports: readonly number[]): Promise<void> {
  const child = spawn(
    process.env.REDIS_CLI_BIN ?? 'redis-cli',
    ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-yes'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run redis-cli: ${error.message}`)));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`redis-cli --cluster create exited with ${code}:\n${output}`)),
    );
  });
}

async function withNode<T>(port: number, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function waitUntilAnswering(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`redis-server on ${port} exited early with code ${child.exitCode}`);
    if (await withNode(port, (client) => client.ping()).catch(() => null)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s`);
}

async function waitUntilClusterOk(port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const info = await withNode(port, (client) => client.cluster('INFO')).catch(() => '');
    if (/^cluster_state:ok\s*$/m.test(info)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the cluster node on ${port} did not reach cluster_state:ok within 20 s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
