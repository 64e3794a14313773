import type { ResetJob } from '../jobs.js';
import { couldBeAccountEmail } from '../normalize-email.js';

export interface ResetRequestJobInput {
  /** Normalised (see normalizeEmail). */
  readonly email: string;
  /** The address as the caller gave it (trimmed here): the directory is asked for this spelling. */
  readonly address: string;
  /** A link to the reset page, Antel's temporary password, or a code flow's code. */
  readonly delivery: 'link' | 'temporary-password' | 'code';
  /** The code flow's keyed hash (ResetCodeFlowStore.open), with `delivery: 'code'`. */
  readonly flowRef?: string | undefined;
  readonly locale?: string | undefined;
  readonly resetUrl?: string | undefined;
  readonly clientId: string;
  readonly requestedAt: string;
  /** The link's lifetime, when an admin-started reset chose one; absent: the client's. */
  readonly ttlSeconds?: number | undefined;
}

/**
 * The job a reset request queues. An address no account can have is queued too, as a job that
 * does nothing, so the request's work (and its time) does not depend on the address: a job
 * carrying it would be refused by the job schema, whose limit is the accounts' own.
 */
export function resetRequestJob({
  email,
  address,
  delivery,
  locale,
  resetUrl,
  clientId,
  requestedAt,
  ttlSeconds,
  flowRef,
}: ResetRequestJobInput): ResetJob {
  if (!couldBeAccountEmail(email)) return { type: 'unreachable-address-requested', clientId, requestedAt };
  const spelled = directoryAddress(email, address);
  const common = {
    email,
    ...(spelled === undefined ? {} : { address: spelled }),
    ...(locale === undefined ? {} : { locale }),
    clientId,
    requestedAt,
  };
  if (delivery === 'temporary-password') return { type: 'temporary-password-requested', ...common };
  if (delivery === 'code') {
    if (flowRef === undefined) throw new Error('A code request names its flow (flowRef).');
    return { type: 'reset-code-requested', ...common, flowRef };
  }
  return {
    type: 'reset-requested',
    ...common,
    ...(resetUrl === undefined ? {} : { resetUrl }),
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
  };
}

/**
 * The caller's spelling, for the job to ask the directory with, when it is not the normalised
 * address already; none when it could be no account's (NFKC can also shorten an address, so the
 * spelling may be the longer of the two), and the directory is then asked for the normalised one.
 */
function directoryAddress(email: string, address: string): string | undefined {
  const trimmed = address.trim();
  return trimmed === email || !couldBeAccountEmail(trimmed) ? undefined : trimmed;
}

/** What a job asks the directory for: the caller's spelling when it carries one. */
export function addressToLookUp(job: { readonly email: string; readonly address?: string | undefined }): string {
  return job.address ?? job.email;
}
