/** What can happen to a reset, as the audit trail names it. */
export type AuditAction = 'request' | 'mail' | 'inspect' | 'complete';

export interface AuditEvent {
  readonly action: AuditAction;
  /** `accepted`, `throttled`, `refused`, `completed`, a job outcome such as `mail-sent`… */
  readonly outcome: string;
  /** The error code or refusal reasons, when there are any. */
  readonly reason?: string;
  readonly clientId?: string;
  /** The normalised address; the audit log stores only a keyed hash of it. */
  readonly email?: string;
  /** The user directory `userId` belongs to: ids repeat across directories. */
  readonly directory?: string;
  readonly userId?: string;
  readonly ip?: string;
}

/**
 * The audit trail: every request, inspection, completion and refusal. Never a secret; the
 * address only as a keyed hash. Recording must not fail the call it describes.
 */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}
