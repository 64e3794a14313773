import type { PasswordResetEvent } from '../jobs.js';
import type { WebhookSender } from '../engine/ports.js';

export interface DeliveredWebhook {
  readonly clientId: string;
  readonly event: PasswordResetEvent;
  readonly idempotencyKey: string;
}

export interface RecordingWebhookSender extends WebhookSender {
  readonly delivered: readonly DeliveredWebhook[];
  clear(): void;
}

export function recordingWebhookSender(): RecordingWebhookSender {
  const delivered: DeliveredWebhook[] = [];
  return {
    delivered,
    async deliver(clientId, event, { idempotencyKey }) {
      delivered.push({ clientId, event, idempotencyKey });
    },
    clear() {
      delivered.length = 0;
    },
  };
}
