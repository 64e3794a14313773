import type { OutgoingMail } from './delivery-ports.js';
import type { ResetClient } from './ports.js';

/** The mails a client may replace with a SendGrid dynamic template of its own, as `<kind>.<locale>`: every kind we send. */
export const PROVIDER_TEMPLATE_KINDS = [
  'password-reset',
  'password-changed',
  'reset-code',
  'temporary-password',
] as const satisfies readonly OutgoingMail['kind'][];
export type ProviderTemplateKind = (typeof PROVIDER_TEMPLATE_KINDS)[number];

/** The client's provider template for this mail and locale, if it registered one. */
export function providerTemplate(client: ResetClient, kind: ProviderTemplateKind, locale: string): { providerTemplateId?: string } {
  const templateId = client.mailTemplateIds?.[`${kind}.${locale}`];
  return templateId === undefined ? {} : { providerTemplateId: templateId };
}
