/** What a job did, for logs and audit: never the secret. */
export type ResetJobOutcome =
  | 'mail-sent'
  | 'webhook-sent'
  | 'no-account'
  | 'account-disabled'
  | 'client-unknown'
  | 'no-webhook'
  /** The link's lifetime, counted from the request, ran out before the mail could leave. */
  | 'request-expired'
  /** The secret an earlier attempt issued was used, or killed by a newer request: the mail is moot. */
  | 'secret-settled'
  /** The user disputed a password change ("this wasn't me") and DISPUTE_LOCK still runs: no reset mail leaves. */
  | 'dispute-locked';
