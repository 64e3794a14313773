import type { WebhookSender } from '@pwreset/contract/engine';
import type { ClientRegistry } from '../clients/client-registry.js';
import { deliveryErrorForStatus, RetryableDeliveryError } from '../delivery/delivery-errors.js';
import { tracedFetch } from '../observability/tracing/traced-fetch.js';
import { RESET_SIGNATURE_HEADER, signPayload } from '../signing/sign-payload.js';

export interface HttpWebhookSenderOptions {
  readonly clients: Pick<ClientRegistry, 'webhookTarget'>;
  /** Milliseconds before a delivery is abandoned and retried. Default 10 s. */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/** POSTs events as JSON, signed; 2xx is delivered, 408/429/5xx and network errors are retried. */
export function httpWebhookSender({ clients, timeoutMs = 10_000, now = () => new Date() }: HttpWebhookSenderOptions): WebhookSender {
  return {
    async deliver(clientId, event, { idempotencyKey }) {
      const target = await clients.webhookTarget(clientId);
      if (!target) return;
      const body = JSON.stringify(event);
      let response: Response;
      try {
        // In the job's span; the client id names the receiver, since its URL stays out of traces.
        response = await tracedFetch({ target: 'webhook', attributes: { 'pwreset.client_id': clientId } }, target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'pwreset-webhooks/1',
            [RESET_SIGNATURE_HEADER]: signPayload(target.signingKey, body, now()),
            'reset-event-id': event.eventId,
            'idempotency-key': idempotencyKey,
          },
          body,
          // A redirect could carry the event somewhere the operator never registered.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new RetryableDeliveryError(`webhook unreachable (${error instanceof Error ? error.name : 'error'})`);
      }
      await response.body?.cancel();
      if (!response.ok) throw deliveryErrorForStatus('the webhook receiver', response.status, response.headers.get('retry-after'));
    },
  };
}
