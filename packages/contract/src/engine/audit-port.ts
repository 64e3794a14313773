/** What can happen to a reset, as the audit trail names it. */
export type AuditAction =
  | 'request'
  | 'mail'
  | 'inspect'
  | 'complete'
  /** An operator (the CLI) or an application's back office started a reset (see startAdminReset). */
  | 'admin-start'
  /** An operator killed a user's outstanding links (`pnpm cli resets revoke`). */
  | 'admin-revoke'
  /**
   * "This wasn't me": a dispute link was used (or refused), or the reset lock it set was lifted
   * by an admin-started reset (outcome `lock-lifted`).
   */
  | 'dispute';

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
  /** Who did an admin action: `cli` (an operator), or the id of the client whose token called. */
  readonly actor?: string;
  /** How an admin-started reset hands its link over: mailed, or returned once to the caller. */
  readonly deliver?: 'mail' | 'return';
}

/**
 * The audit trail: every request, inspection, completion and refusal. Never a secret; the
 * address only as a keyed hash. Recording must not fail the call it describes.
 */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}
