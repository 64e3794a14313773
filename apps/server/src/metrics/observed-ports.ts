import type { Mailer, ResetPorts } from '@pwreset/contract/engine';
import { countingAuditLog } from './counting-audit-log.js';
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

/** The engine's ports, measured: outcomes through the audit trail, mail through its timing. */
export function observedPorts(ports: ResetPorts, metrics: ServiceMetrics): ResetPorts {
  return { ...ports, audit: countingAuditLog(ports.audit, metrics), mail: timedMailer(ports.mail, metrics) };
}
