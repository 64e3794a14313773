import type { ResetClient } from './ports.js';

/** The client's provider template for this mail and locale, if it registered one. */
export function providerTemplate(
  client: ResetClient,
  kind: 'password-reset' | 'password-changed',
  locale: string,
): { providerTemplateId?: string } {
  const templateId = client.mailTemplateIds?.[`${kind}.${locale}`];
  return templateId === undefined ? {} : { providerTemplateId: templateId };
}
