import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { Mailer, OutgoingMail } from '@pwreset/contract/engine';
import { deliveryErrorForStatus, RetryableDeliveryError } from '../delivery/delivery-errors.js';
import { renderMail } from './templates/render-mail.js';

export interface SendGridMailerOptions {
  readonly apiKey: string;
  /** Base URL of the v3 API: SendGrid's, a regional endpoint, or a sink in tests. */
  readonly apiUrl: string;
  readonly from: string;
  /** Milliseconds before a send is abandoned as a network failure (and retried). Default 10 s. */
  readonly timeoutMs?: number;
}

/** What @sendgrid/mail rejects with: a ResponseError carries the HTTP status as `code`. */
function toDeliveryError(error: unknown): Error {
  const status = (error as { code?: unknown }).code;
  if (typeof status === 'number') {
    const headers = (error as { response?: { headers?: Record<string, string> } }).response?.headers ?? {};
    return deliveryErrorForStatus('SendGrid', status, headers['retry-after']);
  }
  // No HTTP status: the request never got an answer (refused, reset, timed out).
  const reason = typeof status === 'string' ? status : 'network error';
  return new RetryableDeliveryError(`SendGrid unreachable (${reason})`);
}

/** What a dynamic template can use: the facts of the mail, as strings. */
function dynamicTemplateData(mail: OutgoingMail): Record<string, string> {
  const common = { applicationName: mail.applicationName, locale: mail.locale, recipientName: mail.recipientName ?? '' };
  switch (mail.kind) {
    case 'password-reset':
      return { ...common, resetLink: mail.resetLink, expiresAt: mail.expiresAt.toISOString() };
    case 'temporary-password':
      return { ...common, temporaryPassword: mail.temporaryPassword, expiresAt: mail.expiresAt.toISOString() };
    case 'password-changed':
      return { ...common, changedAt: mail.changedAt.toISOString(), disputeLink: mail.disputeLink };
    case 'reset-code':
      return { ...common, code: mail.code, expiresAt: mail.expiresAt.toISOString() };
  }
}

/**
 * Sends through SendGrid's v3 mail/send. Click tracking is off: a tracked link would route the
 * secret through a third party. The job id travels in custom_args, so SendGrid's event webhook
 * can tell one job's mail from another.
 */
export function sendGridMailer({ apiKey, apiUrl, from, timeoutMs = 10_000 }: SendGridMailerOptions): Mailer {
  // Our own client instance, so the base URL and key are not the process-wide singleton's.
  const client = new Client();
  client.setApiKey(apiKey);
  client.setDefaultRequest('baseUrl', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const service = new MailService();
  service.setClient(client);
  service.setTimeout(timeoutMs);

  return {
    async send(mail, { idempotencyKey }) {
      const envelope = {
        to: mail.recipientName ? { email: mail.to, name: mail.recipientName } : mail.to,
        from: { email: from, name: mail.senderName ?? mail.applicationName },
        customArgs: { job_id: idempotencyKey, kind: mail.kind },
        trackingSettings: {
          clickTracking: { enable: false, enableText: false },
          openTracking: { enable: false },
        },
      };
      try {
        if (mail.providerTemplateId) {
          // The client's own dynamic template: it gets the same facts our templates use.
          await service.send({ ...envelope, templateId: mail.providerTemplateId, dynamicTemplateData: dynamicTemplateData(mail) });
        } else {
          const { subject, text, html } = renderMail(mail);
          await service.send({ ...envelope, subject, text, html });
        }
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}
