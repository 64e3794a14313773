import { DependencyUnavailableError } from '@pwreset/contract';
import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from './redis-connection-factory.js';
import type { OutageLog } from '../observability/outage-log.js';
import { sharedRounds } from './shared-rounds.js';

/** The dependency a shortfall names, in the outage log and in DependencyUnavailableError. */
export const REDIS_REPLICAS = 'redis replicas';

/**
 * Resolves once `replicas` replicas hold every write this process had completed (on any of its
 * connections) when it was called; rejects with DependencyUnavailableError (503, outcome unknown:
 * the writes are on the master and may yet survive) when fewer acknowledged within the timeout.
 */
export type WaitForReplicas = () => Promise<void>;

export interface WaitForReplicasOptions {
  /**
   * One node or Sentinel: a connection of its own. WAIT blocks the connection it is sent on until
   * the replicas answer, so on the request path's every other command would queue behind it while
   * a replica lags. A Cluster: the request path's own (WAIT runs on each master, see below).
   */
  readonly connection: RedisConnection;
  /** The key the fence increments (redisKeys().replicationFence). */
  readonly fenceKey: string;
  /** REDIS_WAIT_REPLICAS: how many replicas must acknowledge. */
  readonly replicas: number;
  /** REDIS_WAIT_TIMEOUT_MS: the longest one WAIT blocks, in milliseconds. */
  readonly timeoutMs: number;
  readonly outages?: OutageLog;
}

/**
 * WAIT counts the replicas that acknowledged the last write of the connection it is sent on, so
 * each round first writes a fence (INCR) on the waiting connection: the master applies it after
 * every write whose reply this process already has, whichever connection sent it, and a replica
 * that has the fence has them all. Rounds are shared (sharedRounds): callers arriving during one
 * share the next (their writes may have followed the running round's fence), so a burst of
 * requests costs two rounds, not one each.
 *
 * On a Cluster a replica follows one master, and a fence key lives on one master: so a round sends
 * WAIT to every master through the cluster client's own connection to it, and covers the writes
 * made through that client (every request-path write, the delivery claims), not those of the
 * process's other connections (BullMQ's worker bookkeeping). `replicas` is then per master.
 */
export function waitForReplicas({ connection, fenceKey, replicas, timeoutMs, outages }: WaitForReplicasOptions): WaitForReplicas {
  const waitBehindFence = async (node: Redis): Promise<number> => {
    const [, waited] = await Promise.all([node.incr(fenceKey), node.wait(replicas, timeoutMs)]);
    return waited;
  };
  const waitOnEveryMaster = async (cluster: Cluster): Promise<number> => {
    const masters = cluster.nodes('master');
    if (masters.length === 0) throw new Error('no master known');
    const acknowledged = await Promise.all(masters.map((node) => node.wait(replicas, timeoutMs)));
    return Math.min(...acknowledged);
  };
  const round = async (): Promise<void> => {
    let acknowledged: number;
    try {
      acknowledged = connection instanceof Cluster ? await waitOnEveryMaster(connection) : await waitBehindFence(connection);
    } catch {
      // The fence's connection is down (a failover under way): whether the writes are kept is unknown.
      outages?.refused(REDIS_REPLICAS);
      throw new DependencyUnavailableError(REDIS_REPLICAS, { outcomeUnknown: true });
    }
    if (acknowledged < replicas) {
      outages?.refused(REDIS_REPLICAS);
      throw new DependencyUnavailableError(REDIS_REPLICAS, { outcomeUnknown: true });
    }
    outages?.answered(REDIS_REPLICAS);
  };

  return sharedRounds(round);
}
