import { channel } from 'node:diagnostics_channel';
import type { ServiceMetrics } from './service-metrics.js';

/** ioredis publishes each command on this tracing channel; its `error` part carries failures only. */
const IOREDIS_COMMAND_ERRORS = 'tracing:ioredis:command:error';

/**
 * Counts failed Redis commands of every ioredis connection in the process (ours and BullMQ's),
 * through ioredis' diagnostics channel: no wrapper around each client, no command text kept.
 * Returns the unsubscribe.
 */
export function countRedisCommandErrors(metrics: ServiceMetrics): () => void {
  const errors = channel(IOREDIS_COMMAND_ERRORS);
  const onError = () => metrics.redisCommandErrors.inc();
  errors.subscribe(onError);
  return () => errors.unsubscribe(onError);
}
