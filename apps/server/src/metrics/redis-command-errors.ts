import { channel } from 'node:diagnostics_channel';
import type { ServiceMetrics } from './service-metrics.js';

/** ioredis publishes each command on this tracing channel; its `error` part carries failures only. */
const IOREDIS_COMMAND_ERRORS = 'tracing:ioredis:command:error';

/** What ioredis publishes with a failed command (its CommandTraceContext, plus the error). */
interface CommandErrorMessage {
  readonly command?: string;
  readonly args?: readonly string[];
  readonly error?: unknown;
}

/**
 * Failures ioredis provokes and handles itself: NOSCRIPT when it first runs a Lua script by its
 * hash (it resends the script at once), and CLIENT SETINFO on connect, which Redis before 7.2
 * does not know (ioredis ignores the refusal).
 */
function isExpectedByIoredis({ command, args, error }: CommandErrorMessage): boolean {
  if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return true;
  return command?.toLowerCase() === 'client' && args?.[0]?.toLowerCase() === 'setinfo';
}

/**
 * Counts failed Redis commands of every ioredis connection in the process (ours and BullMQ's),
 * through ioredis' diagnostics channel: no wrapper around each client, no command text kept.
 * Returns the unsubscribe.
 */
export function countRedisCommandErrors(metrics: ServiceMetrics): () => void {
  const errors = channel(IOREDIS_COMMAND_ERRORS);
  const onError = (message: unknown) => {
    if (!isExpectedByIoredis(message as CommandErrorMessage)) metrics.redisCommandErrors.inc();
  };
  errors.subscribe(onError);
  return () => errors.unsubscribe(onError);
}
