import type { ResetMailBase } from '@pwreset/contract/engine';
import type { RenderedMail, RenderMailOptions } from './rendered-mail.js';
import { renderSecretMail } from './secret-mail.js';

export interface TemporaryPasswordMail extends ResetMailBase {
  /** A secret like a reset link: never log it or the rendered mail. */
  readonly temporaryPassword: string;
  /** The temporary password stops working at this instant. */
  readonly expiresAt: Date;
}

/** For the legacy API that mails a temporary password instead of a link. Not part of OutgoingMail yet. */
export function renderTemporaryPasswordMail(mail: TemporaryPasswordMail, options: RenderMailOptions = {}): RenderedMail {
  return renderSecretMail(
    { mail, copy: (text) => text.temporaryPassword, secret: mail.temporaryPassword, expiresAt: mail.expiresAt },
    options,
  );
}
