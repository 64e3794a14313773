import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findFreePort } from './free-port.js';

export interface SentinelAddress {
  readonly host: string;
  readonly port: number;
}

/** What a failover looked like from the sentinels. */
export interface Failover {
  /** `Date.now()` when the first sentinel announced `+switch-master`. */
  readonly switchedAt: number;
  readonly newMasterPort: number;
}

export interface PrivateRedisSentinel {
  /** The name the sentinels monitor the master under (REDIS_SENTINEL_NAME). */
  readonly name: string;
  readonly sentinels: readonly SentinelAddress[];
  /** `host:port,...` of the three sentinels, as REDIS_SENTINELS takes them. */
  readonly sentinelList: string;
  /** The port of the master, as a sentinel answers it now. */
  masterPort(): Promise<number>;
  /**
   * Kills the current master with SIGKILL (no shutdown, nothing flushed) and resolves once it is
   * dead, with its port and a promise of the failover the sentinels then run.
   */
  killMaster(): Promise<{ readonly killedPort: number; readonly failover: Promise<Failover> }>;
  /**
   * Asks a sentinel for a failover (`SENTINEL FAILOVER`, as an operator does before maintenance):
   * the replica is promoted and the old master, alive, turned into its replica. Resolves once asked.
   */
  failoverOnRequest(): Promise<{ readonly failover: Promise<Failover> }>;
  /**
   * Starts an empty redis-server on `port` as a replica of the current master, as an operator
   * brings a crashed node back, and resolves once its first sync is done.
   */
  restartAsReplica(port: number): Promise<void>;
  /**
   * What every node and sentinel logged so far (the last `maxCharacters` of each log), for a test's
   * failure message: a failover's story (+sdown, +switch-master, a replica's syncs) is told there.
   */
  logs(maxCharacters?: number): Promise<string>;
  /** Stops every process and removes the temporary directory. */
  stop(): Promise<void>;
}

const FAILOVER_TIMEOUT_MS = 30_000;
/** How long a master must not answer before a sentinel deems it down (see the sentinel configuration). */
const DOWN_AFTER_MS = 5_000;

/**
 * Starts one master, one replica (`--replicaof`) and three sentinels (quorum 2) on free loopback
 * ports, in a temporary directory, keeping no data on disk; resolves once the sentinels know the
 * replica and each other, so that a failover can run. `down-after-milliseconds` is 5000, so a
 * killed master is failed over within about six seconds. Needs `redis-server` (REDIS_SERVER_BIN).
 */
export async function startPrivateRedisSentinel({ name = 'pwreset' }: { readonly name?: string } = {}): Promise<PrivateRedisSentinel> {
  const dir = await mkdtemp(join(tmpdir(), 'pwreset-sentinel-'));
  const nodes = new Map<number, ChildProcess>();
  const sentinelProcesses: ChildProcess[] = [];
  const sentinels: SentinelAddress[] = [];
  const stop = async () => {
    await Promise.all([...nodes.values(), ...sentinelProcesses].map(killAndWait));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const masterPort = await findFreePort();
    nodes.set(masterPort, await startRedisNode(masterPort, dir, []));
    const replicaPort = await findFreePort();
    nodes.set(replicaPort, await startRedisNode(replicaPort, dir, ['--replicaof', '127.0.0.1', String(masterPort)]));
    await waitForReplicaSync(replicaPort);
    for (let index = 0; index < 3; index += 1) {
      const port = await findFreePort();
      const config = join(dir, `sentinel-${index}.conf`);
      // Sentinel rewrites its own file (it records what it learns), so each has one, writable.
      await writeFile(
        config,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `logfile ${join(dir, `sentinel-${port}.log`)}`,
          `sentinel monitor ${name} 127.0.0.1 ${masterPort} 2`,
          // Not less: a sentinel pings every second, and one that has just learnt of a new master
          // takes it for down when its first replies come late, as they do on a loaded machine
          // (seen at 1000 ms): a second, spurious failover then promotes the crashed node back.
          `sentinel down-after-milliseconds ${name} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      sentinelProcesses.push(await spawnAndWaitUntilAnswering(port, [config, '--sentinel']));
      sentinels.push({ host: '127.0.0.1', port });
    }
    await waitUntilSentinelsKnowTheSet(sentinels, name);
  } catch (error) {
    await stop();
    throw error;
  }

  let promotedPort: number | undefined;
  const masterPortNow = () => withConnection(sentinels[0]!.port, (client) => askMasterPort(client, name));
  return {
    name,
    sentinels,
    sentinelList: sentinels.map(({ host, port }) => `${host}:${port}`).join(','),
    masterPort: masterPortNow,
    async killMaster() {
      const killedPort = await masterPortNow();
      const master = nodes.get(killedPort);
      if (!master) throw new Error(`the sentinels name port ${killedPort} as master, which is none of ours`);
      // Listening before the kill, so that no announcement can be missed.
      const failover = await watchForSwitchMaster(sentinels, name);
      await killAndWait(master);
      nodes.delete(killedPort);
      void failover.next.then(({ newMasterPort }) => (promotedPort = newMasterPort)).catch(() => undefined);
      return { killedPort, failover: failover.next };
    },
    async failoverOnRequest() {
      const failover = await watchForSwitchMaster(sentinels, name);
      await withConnection(sentinels[0]!.port, (client) => client.call('SENTINEL', 'FAILOVER', name));
      void failover.next.then(({ newMasterPort }) => (promotedPort = newMasterPort)).catch(() => undefined);
      return { failover: failover.next };
    },
    async restartAsReplica(port) {
      // The announced master: the sentinel asked may not have learnt of the failover yet.
      const current = promotedPort ?? (await masterPortNow());
      nodes.set(port, await startRedisNode(port, dir, ['--replicaof', '127.0.0.1', String(current)]));
      await waitForReplicaSync(port);
    },
    logs: (maxCharacters = 3_000) => readLogs(dir, maxCharacters),
    stop,
  };
}

async function readLogs(dir: string, maxCharacters: number): Promise<string> {
  const names = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.log')).sort();
  const logs = await Promise.all(
    names.map(async (name) => `== ${name}\n${(await readFile(join(dir, name), 'utf8').catch(() => '')).slice(-maxCharacters)}`),
  );
  return logs.join('\n');
}

function startRedisNode(port: number, dir: string, extra: readonly string[]): Promise<ChildProcess> {
  return spawnAndWaitUntilAnswering(port, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    // Each node its own file name, though nothing is saved: two nodes share the directory.
    '--dbfilename',
    `dump-${port}.rdb`,
    // Appended to across a restart on the same port: the crashed node's story stays in one file.
    '--logfile',
    join(dir, `node-${port}.log`),
    // A replica's first sync starts at once, instead of after 5 s of waiting for more replicas.
    '--repl-diskless-sync-delay',
    '0',
    ...extra,
  ]);
}

async function spawnAndWaitUntilAnswering(port: number, args: readonly string[]): Promise<ChildProcess> {
  const child = spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server ${args.join(' ')} exited early (${child.exitCode ?? child.signalCode}): ${stderr}`);
    }
    const answered = await withConnection(port, (client) => client.ping()).then(
      () => true,
      () => false,
    );
    if (answered) return child;
    await sleep(25);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server ${args.join(' ')} did not answer on port ${port} within 10 s`);
}

async function waitForReplicaSync(replicaPort: number): Promise<void> {
  await pollUntil(`the replica on port ${replicaPort} to sync`, () =>
    withConnection(replicaPort, async (client) => /master_link_status:up/.test(await client.info('replication'))),
  );
}

/** Failover needs the quorum to see the master down and a majority to elect a leader: all must know each other. */
async function waitUntilSentinelsKnowTheSet(sentinels: readonly SentinelAddress[], name: string): Promise<void> {
  await pollUntil('the sentinels to know each other and the replica', async () => {
    const views = await Promise.all(sentinels.map(({ port }) => withConnection(port, (client) => client.call('SENTINEL', 'MASTER', name))));
    return views.every((view) => {
      const fields = fieldsOf(view);
      return fields.get('num-other-sentinels') === String(sentinels.length - 1) && fields.get('num-slaves') === '1';
    });
  });
}

async function watchForSwitchMaster(sentinels: readonly SentinelAddress[], name: string): Promise<{ next: Promise<Failover> }> {
  const subscribers = sentinels.map(({ port }) => quietClient(port));
  await Promise.all(subscribers.map((subscriber) => subscriber.subscribe('+switch-master')));
  const next = new Promise<Failover>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no +switch-master within ${FAILOVER_TIMEOUT_MS / 1000} s`)), FAILOVER_TIMEOUT_MS);
    for (const subscriber of subscribers) {
      subscriber.on('message', (_channel: string, message: string) => {
        // "<name> <old-ip> <old-port> <new-ip> <new-port>"
        const [masterName, , , , newPort] = message.split(' ');
        if (masterName !== name || newPort === undefined) return;
        clearTimeout(timer);
        resolve({ switchedAt: Date.now(), newMasterPort: Number(newPort) });
      });
    }
  });
  void next.finally(() => subscribers.forEach((subscriber) => subscriber.disconnect())).catch(() => undefined);
  return { next };
}

async function askMasterPort(client: Redis, name: string): Promise<number> {
  const address = await client.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name);
  if (!Array.isArray(address) || address.length !== 2) throw new Error(`the sentinels know no master named ${name}`);
  return Number(address[1]);
}

function fieldsOf(reply: unknown): Map<string, string> {
  const flat = Array.isArray(reply) ? reply.map(String) : [];
  const fields = new Map<string, string>();
  for (let index = 0; index + 1 < flat.length; index += 2) fields.set(flat[index]!, flat[index + 1]!);
  return fields;
}

function quietClient(port: number): Redis {
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  client.on('error', () => undefined);
  return client;
}

async function withConnection<T>(port: number, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = quietClient(port);
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
