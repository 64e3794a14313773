import type { OutgoingMail } from '../engine/ports.js';

/** The secret a reset mail carries in its link's fragment (`#token=`). Throws for any other mail. */
export function resetSecretFromMail(mail: OutgoingMail | undefined): string {
  if (mail?.kind !== 'password-reset') throw new Error(`expected a password-reset mail, got ${mail?.kind ?? 'none'}`);
  const secret = new URL(mail.resetLink).hash.match(/^#token=([A-Za-z0-9_-]+)$/)?.[1];
  if (!secret) throw new Error('the reset link has no #token= fragment');
  return secret;
}

/** The dispute secret a password-changed mail carries in its "this wasn't me" link's fragment. Throws for any other mail. */
export function disputeSecretFromMail(mail: OutgoingMail | undefined): string {
  if (mail?.kind !== 'password-changed') throw new Error(`expected a password-changed mail, got ${mail?.kind ?? 'none'}`);
  const secret = new URL(mail.disputeLink).hash.match(/^#token=([A-Za-z0-9_-]+)$/)?.[1];
  if (!secret) throw new Error('the dispute link has no #token= fragment');
  return secret;
}

/** The code a temporary-password mail carries. Throws for any other mail. */
export function temporaryPasswordFromMail(mail: OutgoingMail | undefined): string {
  if (mail?.kind !== 'temporary-password') throw new Error(`expected a temporary-password mail, got ${mail?.kind ?? 'none'}`);
  return mail.temporaryPassword;
}

/** The code a code flow's mail carries. Throws for any other mail. */
export function resetCodeFromMail(mail: OutgoingMail | undefined): string {
  if (mail?.kind !== 'reset-code') throw new Error(`expected a reset-code mail, got ${mail?.kind ?? 'none'}`);
  return mail.code;
}
