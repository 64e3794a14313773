import type { ResetJob } from '../jobs.js';
import { couldBeAccountEmail } from '../normalize-email.js';

export interface ResetRequestJobInput {
  /** Normalised (see normalizeEmail). */
  readonly email: string;
  /** A link to the reset page, or Antel's temporary password. */
  readonly delivery: 'link' | 'temporary-password';
  readonly locale?: string | undefined;
  readonly resetUrl?: string | undefined;
  readonly clientId: string;
  readonly requestedAt: string;
}

/**
 * The job a reset request queues. An address no account can have is queued too, as a job that
 * does nothing, so the request's work (and its time) does not depend on the address: a job
 * carrying it would be refused by the job schema, whose limit is the accounts' own.
 */
export function resetRequestJob({ email, delivery, locale, resetUrl, clientId, requestedAt }: ResetRequestJobInput): ResetJob {
  if (!couldBeAccountEmail(email)) return { type: 'unreachable-address-requested', clientId, requestedAt };
  const common = { email, ...(locale === undefined ? {} : { locale }), clientId, requestedAt };
  if (delivery === 'temporary-password') return { type: 'temporary-password-requested', ...common };
  return { type: 'reset-requested', ...common, ...(resetUrl === undefined ? {} : { resetUrl }) };
}
