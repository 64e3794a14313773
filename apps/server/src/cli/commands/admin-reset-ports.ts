import type { ResetPorts } from '@pwreset/contract/engine';
import { redisAuditLog } from '../../audit/redis-audit-log.js';
import { bullmqJobQueue } from '../../jobs/bullmq-job-queue.js';
import { createLogger } from '../../logger.js';
import { redisDisputeStore } from '../../disputes/redis-dispute-store.js';
import { redisResetTokenStore } from '../../tokens/redis-reset-token-store.js';
import type { CliContext } from '../cli-context.js';

export type AdminResetPorts = Pick<ResetPorts, 'users' | 'tokens' | 'jobs' | 'audit' | 'clock' | 'disputes'> & {
  /** Closes the queue's connection use; the context closes Redis and the directories. */
  close(): Promise<void>;
};

/**
 * The ports an operator's reset commands need, built over the CLI's Redis as the server builds
 * them: the same secret store, audit stream and mail queue (the server's worker sends the mail).
 */
export async function adminResetPorts(context: CliContext): Promise<AdminResetPorts> {
  const redis = await context.redis();
  const { config, keys } = context;
  const clock = { now: () => new Date() };
  const jobs = bullmqJobQueue({ connection: redis, prefix: keys.queuePrefix(), retry: config.mailRetry });
  return {
    users: await context.directories(),
    tokens: redisResetTokenStore({ redis, keys, keyRing: config.keyRing, clock }),
    // An operator's start lifts a dispute's reset lock (see startAdminReset).
    disputes: redisDisputeStore({ redis, keys, keyRing: config.keyRing, clock }),
    jobs,
    // Silent, as the CLI's directories: stdout is the command's (--json), and a Redis that loses the
    // record fails the command's own calls too.
    audit: redisAuditLog({
      redis,
      key: keys.auditStream(),
      keyRing: config.keyRing,
      maxEntries: config.auditMaxEntries,
      logger: createLogger({ level: 'silent' }),
    }),
    clock,
    close: () => jobs.close(),
  };
}
