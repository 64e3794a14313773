import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { Mailer } from '@pwreset/contract/engine';
import { renderMail } from './templates/render-mail.js';

export interface SendGridMailerOptions {
  readonly apiKey: string;
  /** Base URL of the v3 API: SendGrid's, a regional endpoint, or a sink in tests. */
  readonly apiUrl: string;
  readonly from: string;
}

/** Sends through SendGrid's v3 mail/send, with click tracking off: a tracked link would route the secret through a third party. */
export function sendGridMailer({ apiKey, apiUrl, from }: SendGridMailerOptions): Mailer {
  // Our own client instance, so the base URL and key are not the process-wide singleton's.
  const client = new Client();
  client.setApiKey(apiKey);
  client.setDefaultRequest('baseUrl', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
  const service = new MailService();
  service.setClient(client);

  return {
    async send(mail) {
      const { subject, text, html } = renderMail(mail);
      await service.send({
        to: mail.recipientName ? { email: mail.to, name: mail.recipientName } : mail.to,
        from: { email: from, name: mail.senderName ?? mail.applicationName },
        subject,
        text,
        html,
        trackingSettings: {
          clickTracking: { enable: false, enableText: false },
          openTracking: { enable: false },
        },
      });
    },
  };
}
