import type { OutgoingMail } from '@pwreset/contract/engine';
import type { RenderedMail, RenderMailOptions } from './rendered-mail.js';
import { renderSecretMail } from './secret-mail.js';

export type ResetCodeMail = Extract<OutgoingMail, { kind: 'reset-code' }>;

/**
 * A code flow's mail: the 8 digits on a line of their own, contiguous (no spaces or dashes, so a
 * reader copies them whole), and no link at all, so a scanner that opens every link in a mail
 * has nothing to open.
 */
export function renderResetCodeMail(mail: ResetCodeMail, options: RenderMailOptions = {}): RenderedMail {
  return renderSecretMail({ mail, copy: (text) => text.resetCode, secret: mail.code, expiresAt: mail.expiresAt }, options);
}
