import { context, propagation } from '@opentelemetry/api';
import { resetRequestAuditEvent, type ResetRequestIntake } from '@pwreset/contract/engine';
import { auditEntryFields } from '../audit/redis-audit-log.js';
import { limitDecision, resetRequestCounters, windowArguments, type RateLimitSettings } from '../limits/redis-rate-limits.js';
import { queuedJobPayload, newResetJobId } from '../jobs/reset-job-options.js';
import { isTracingEnabled } from '../observability/tracing/tracing-state.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import type { RedisKeys } from '../redis/redis-keys.js';
import { runScript } from '../redis/run-script.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { INTAKE_RESET_REQUEST_SCRIPT, INTAKE_THROTTLE_COUNT } from './intake-script.js';

export interface RedisResetRequestIntakeOptions {
  readonly redis: RedisConnection;
  readonly keys: RedisKeys;
  /** The throttle keys' HMAC (current key) and the audit entries' address hash. */
  readonly keyRing: KeyRing;
  readonly settings: RateLimitSettings;
  /** The audit stream is trimmed to about this many entries (AUDIT_MAX_ENTRIES). */
  readonly auditMaxEntries: number;
  readonly now?: () => Date;
}

/**
 * The trace context of the request, as BullMQ's telemetry carries it in a job (bullmq-otel's JSON of
 * the propagation fields), so the job's span joins the request's trace after the move; '' without tracing.
 */
function traceMetadata(): string {
  if (!isTracingEnabled()) return '';
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return Object.keys(carrier).length === 0 ? '' : JSON.stringify(carrier);
}

/**
 * A reset request's throttles, audit entry and job in one script, one round trip, nine commands
 * (INTAKE_RESET_REQUEST_SCRIPT), where the three ports one after the other were three round trips
 * and about twenty commands, BullMQ's add alone about ten. The job goes to a stream in the same slot;
 * the workers move it into BullMQ (see intake-mover.ts). A Redis failure rejects: the caller fails
 * closed (503), and nothing was counted, queued or audited, the script being atomic.
 */
export function redisResetRequestIntake({
  redis,
  keys,
  keyRing,
  settings,
  auditMaxEntries,
  now = () => new Date(),
}: RedisResetRequestIntakeOptions): ResetRequestIntake {
  return {
    async admit(request) {
      const counters = resetRequestCounters({ keys, keyRing, settings }, request);
      if (counters.length !== INTAKE_THROTTLE_COUNT) throw new Error(`the intake script takes ${INTAKE_THROTTLE_COUNT} throttles`);
      const payload = JSON.stringify(queuedJobPayload(request.job));
      // The script returns a number of milliseconds (EVAL's reply is typed unknown).
      const refused = await runScript(
        redis,
        INTAKE_RESET_REQUEST_SCRIPT,
        [...counters.map(({ key }) => key), keys.auditStream(), keys.resetRequestIntake()],
        [
          ...windowArguments(counters),
          auditMaxEntries,
          newResetJobId(),
          request.job.type,
          payload,
          traceMetadata(),
          ...auditEntryFields(resetRequestAuditEvent(request, 'accepted'), keyRing, now()),
        ],
      );
      return limitDecision(Number(refused));
    },
  };
}
