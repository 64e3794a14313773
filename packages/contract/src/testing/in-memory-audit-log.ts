import type { AuditEvent, AuditLog, Clock } from '../engine/ports.js';
import { testDigest } from './test-digest.js';

/** One entry as the trail keeps it: the event's fields, the address only as a digest. */
export type AuditEntry = Omit<AuditEvent, 'email'> & { readonly at: string; readonly emailDigest?: string };

export interface InMemoryAuditLog extends AuditLog {
  /** Every entry, oldest first. */
  readonly entries: readonly AuditEntry[];
  /** The entries about this normalised address (found by its digest, as an operator searches the real trail). */
  entriesForEmail(normalizedEmail: string): Promise<AuditEntry[]>;
  /** Entries recorded while unavailable are lost, and the call they describe goes on. */
  setUnavailable(unavailable: boolean): void;
  clear(): void;
}

/** How an address appears in the in-memory trail. */
const emailDigestOf = (normalizedEmail: string) => testDigest(`audit:${normalizedEmail}`);

export function inMemoryAuditLog({ clock }: { readonly clock: Clock }): InMemoryAuditLog {
  const entries: AuditEntry[] = [];
  let unavailable = false;
  return {
    entries,
    async record({ email, ...event }) {
      const emailDigest = email === undefined ? undefined : await emailDigestOf(email);
      // Recording must not fail the call it describes: a lost entry is only lost.
      if (unavailable) return;
      entries.push({ at: clock.now().toISOString(), ...event, ...(emailDigest === undefined ? {} : { emailDigest }) });
    },
    async entriesForEmail(normalizedEmail) {
      const digest = await emailDigestOf(normalizedEmail);
      return entries.filter((entry) => entry.emailDigest === digest);
    },
    setUnavailable(value) {
      unavailable = value;
    },
    clear() {
      entries.length = 0;
    },
  };
}
