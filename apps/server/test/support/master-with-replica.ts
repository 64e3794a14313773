import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';

export interface MasterWithReplica {
  readonly master: PrivateRedis;
  readonly replica: PrivateRedis;
  /** The replica's process id, to freeze it (SIGSTOP) and thaw it (SIGCONT). */
  readonly replicaPid: number;
  stop(): Promise<void>;
}

/**
 * Two private redis-servers, the second a replica of the first, for the REDIS_WAIT_REPLICAS tests.
 * Resolves once the replica's link to the master is up; each test waits for what it needs beyond that.
 */
export async function startMasterWithReplica(): Promise<MasterWithReplica> {
  const [master, replica] = await Promise.all([startPrivateRedis(), startPrivateRedis()]);
  const replicaClient = new Redis(replica.url);
  try {
    // Loaded from the socket: else a replica writes the RDB of its first sync into its cwd (ours).
    await replicaClient.config('SET', 'repl-diskless-load', 'on-empty-db');
    await replicaClient.replicaof('127.0.0.1', master.port);
    const replicaPid = Number(/process_id:(\d+)/.exec(await replicaClient.info('server'))?.[1]);
    return {
      master,
      replica,
      replicaPid,
      async stop() {
        process.kill(replicaPid, 'SIGCONT');
        await Promise.all([master.stop(), replica.stop()]);
      },
    };
  } finally {
    replicaClient.disconnect();
  }
}
