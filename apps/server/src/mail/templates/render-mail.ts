import type { OutgoingMail } from '@pwreset/contract/engine';
import { renderPasswordChangedMail } from './password-changed-mail.js';
import { renderPasswordResetMail } from './password-reset-mail.js';
import { renderResetCodeMail } from './reset-code-mail.js';
import { renderTemporaryPasswordMail } from './temporary-password-mail.js';
import type { RenderedMail, RenderMailOptions } from './rendered-mail.js';

export type { RenderedMail, RenderMailOptions } from './rendered-mail.js';

/** Subject, text and HTML of any mail the engine sends, in the mail's locale. */
export function renderMail(mail: OutgoingMail, options: RenderMailOptions = {}): RenderedMail {
  switch (mail.kind) {
    case 'password-reset':
      return renderPasswordResetMail(mail, options);
    case 'password-changed':
      return renderPasswordChangedMail(mail);
    case 'temporary-password':
      return renderTemporaryPasswordMail(mail, options);
    case 'reset-code':
      return renderResetCodeMail(mail, options);
  }
}
