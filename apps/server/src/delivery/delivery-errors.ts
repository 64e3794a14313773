/** A failure worth trying again later: network trouble, 429, 5xx. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    /** The receiver's own Retry-After, in milliseconds, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/** A failure that another attempt will not fix (most 4xx): the job is parked at once. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/**
 * An earlier attempt began sending and never recorded its outcome (its worker died mid-send).
 * Sending again could deliver twice, so the job is parked for an operator instead.
 */
export class DeliveryOutcomeUnknownError extends PermanentDeliveryError {
  constructor() {
    super('an earlier attempt began sending and did not finish; parked so the mail is not sent twice');
    this.name = 'DeliveryOutcomeUnknownError';
  }
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Classifies an HTTP outcome: which statuses are worth another attempt. */
export function deliveryErrorForStatus(receiver: string, status: number, retryAfter?: string | null): Error {
  if (status === 429 || status >= 500 || status === 408) {
    return new RetryableDeliveryError(`${receiver} answered ${status}`, parseRetryAfter(retryAfter));
  }
  return new PermanentDeliveryError(`${receiver} refused it with ${status}`);
}
