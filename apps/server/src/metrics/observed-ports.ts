import { resetRequestAuditEvent, type Mailer, type ResetPorts, type ResetRequestIntake } from '@pwreset/contract/engine';
import { countAuditEvent, countingAuditLog } from './counting-audit-log.js';
import type { ServiceMetrics } from './service-metrics.js';

/** Times each mail from the engine's call to the provider's acceptance (or the outbox's write). */
function timedMailer(inner: Mailer, metrics: ServiceMetrics): Mailer {
  return {
    async send(message, options) {
      const stopTimer = metrics.mailDeliveryDuration.startTimer({ kind: message.kind });
      try {
        await inner.send(message, options);
      } finally {
        stopTimer();
      }
    },
  };
}

/** Counts each admitted request as its audit entry says it (the intake writes that entry in its own script). */
function countingIntake(inner: ResetRequestIntake, metrics: ServiceMetrics): ResetRequestIntake {
  return {
    async admit(request) {
      const decision = await inner.admit(request);
      countAuditEvent(resetRequestAuditEvent(request, decision.allowed ? 'accepted' : 'throttled'), metrics);
      return decision;
    },
  };
}

/** The engine's ports, measured: outcomes through the audit trail, mail through its timing. */
export function observedPorts(ports: ResetPorts, metrics: ServiceMetrics): ResetPorts {
  return {
    ...ports,
    audit: countingAuditLog(ports.audit, metrics),
    ...(ports.intake ? { intake: countingIntake(ports.intake, metrics) } : {}),
    mail: timedMailer(ports.mail, metrics),
  };
}
