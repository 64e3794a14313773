import { redisAnswers } from '../redis/redis-answers.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { Readiness } from '../http/health-routes.js';
import type { Logger } from '../logger.js';
import type { MailReadiness } from '../mail/mail-readiness.js';
import type { UserDirectoryRegistry } from './user-directory-registry.js';

/**
 * How long /readyz waits for a directory: a balancer's probe gives up after a few seconds, and a
 * directory that hangs up to its own timeout (5 s by default) must not make the whole service look down.
 */
export const READINESS_DIRECTORY_DEADLINE_MS = 2000;

export interface ServiceReadinessOptions {
  readonly redis: RedisConnection;
  readonly directories: Pick<UserDirectoryRegistry, 'health'>;
  readonly logger: Pick<Logger, 'warn' | 'info'>;
  /** Whether mail can go out, as last checked (it never waits for SendGrid). */
  readonly mail: () => MailReadiness;
  /** True once shutdown has begun: /readyz then answers 503 without probing anything. */
  readonly stopping?: () => boolean;
}

/**
 * The /readyz probe: shutdown first, then Redis (without it nothing works, so the directories are not probed), then
 * every directory at once. A directory's reason is logged when it changes, not on every probe of the
 * balancer, and never reaches the response.
 */
export function serviceReadiness({
  redis,
  directories,
  logger,
  mail,
  stopping = () => false,
}: ServiceReadinessOptions): () => Promise<Readiness> {
  const lastReason = new Map<string, string>();
  return async () => {
    if (stopping()) return { stopping: true };
    if (!(await redisAnswers(redis))) return { redis: 'unreachable' };
    const health = await directories.health({ deadlineMs: READINESS_DIRECTORY_DEADLINE_MS });
    for (const [name, state] of Object.entries(health)) {
      const reason = state.status === 'ok' ? 'ok' : state.reason;
      if ((lastReason.get(name) ?? 'ok') !== reason) {
        if (reason === 'ok') logger.info({ directory: name }, 'user directory answers again');
        else logger.warn({ directory: name, reason }, 'user directory unavailable');
      }
      lastReason.set(name, reason);
    }
    return {
      redis: 'ok',
      mail: mail(),
      directories: Object.fromEntries(Object.entries(health).map(([name, state]) => [name, state.status])),
    };
  };
}
