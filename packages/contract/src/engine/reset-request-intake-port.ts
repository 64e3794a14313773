import type { AuditEvent, AuditLog } from './audit-port.js';
import type { ResetJob, ResetJobQueue } from './job-ports.js';
import type { LimitDecision, RateLimits } from './rate-limits-port.js';

/** One reset request as the intake takes it: who asks, for which address, and the job to queue if allowed. */
export interface ResetRequestAdmission {
  /** Normalised. */
  readonly email: string;
  readonly clientId: string;
  readonly ip: string;
  /** Queued only when every throttle allows the request. */
  readonly job: ResetJob;
}

/**
 * A reset request's whole bookkeeping as one step: its three throttles are taken (all of them,
 * always, whatever the address), the job is queued when they allow it, and the audit trail records
 * the request as `accepted` or `throttled`. A store that can do all of it at once (the Redis one:
 * one script, one round trip) provides it; without, the engine takes the steps one after the other
 * (sequentialIntake), which is what the one step must be equivalent to. Fails closed: an
 * unreachable store rejects, never allows.
 */
export interface ResetRequestIntake {
  admit(request: ResetRequestAdmission): Promise<LimitDecision>;
}

/** The audit event of a request: one definition, for the sequential steps and for a store doing them at once. */
export function resetRequestAuditEvent(
  { email, clientId, ip }: Pick<ResetRequestAdmission, 'email' | 'clientId' | 'ip'>,
  outcome: 'accepted' | 'throttled',
): AuditEvent {
  return { action: 'request', outcome, clientId, email, ip };
}

/** The intake as three separate ports: throttles, then (allowed) the queue, then the audit trail. */
export function sequentialIntake(ports: {
  readonly limits: RateLimits;
  readonly jobs: ResetJobQueue;
  readonly audit: AuditLog;
}): ResetRequestIntake {
  return {
    async admit(request) {
      const { email, clientId, ip } = request;
      const decision = await ports.limits.allowResetRequest({ email, clientId, ip });
      if (decision.allowed) await ports.jobs.enqueue(request.job);
      await ports.audit.record(resetRequestAuditEvent(request, decision.allowed ? 'accepted' : 'throttled'));
      return decision;
    },
  };
}
