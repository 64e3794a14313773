import type { AuditEvent, AuditLog } from '@pwreset/contract/engine';
import { currentRequestContext } from '../observability/request-context.js';
import {
  NO_CLIENT,
  RESET_COMPLETION_OUTCOMES,
  RESET_REQUEST_OUTCOMES,
  type ResetCompletionOutcome,
  type ResetRequestOutcome,
  type ServiceMetrics,
} from './service-metrics.js';

const REQUEST_OUTCOMES: ReadonlySet<string> = new Set(RESET_REQUEST_OUTCOMES);
const COMPLETION_OUTCOMES: ReadonlySet<string> = new Set(RESET_COMPLETION_OUTCOMES);

/**
 * Counts requests and completions where the engine decides them: every one records an audit
 * event, so the engine needs no metrics port. The API comes from the HTTP request running the
 * call (the audit does not know it); the client id the event names is noted for the access log.
 */
export function countingAuditLog(inner: AuditLog, metrics: ServiceMetrics): AuditLog {
  return {
    async record(event) {
      countAuditEvent(event, metrics);
      await inner.record(event);
    },
  };
}

/** Counts one audited event (see countingAuditLog): also for the reset-request intake, whose script writes the entry itself. */
export function countAuditEvent(event: AuditEvent, metrics: ServiceMetrics): void {
  const context = currentRequestContext();
  if (context && event.clientId !== undefined) context.clientId = event.clientId;
  context?.auditedActions.add(event.action);
  const labels = { client: event.clientId ?? context?.clientId ?? NO_CLIENT, api: context?.route?.api ?? 'none' };
  if (event.action === 'request' && REQUEST_OUTCOMES.has(event.outcome))
    metrics.resetRequests.inc({ ...labels, outcome: event.outcome as ResetRequestOutcome });
  if (event.action === 'complete' && COMPLETION_OUTCOMES.has(event.outcome))
    metrics.resetCompletions.inc({ ...labels, outcome: event.outcome as ResetCompletionOutcome });
}
