import { describe, expect, it } from 'vitest';
import type { AuditLog } from '../../engine/ports.js';

/** One entry as read back from the trail: its fields as strings (an address only as some digest). */
export type ReadAuditEntry = Readonly<Record<string, string | undefined>>;

export interface AuditLogUnderTest {
  readonly audit: AuditLog;
  /** Every entry, oldest first, with every field the store keeps. */
  entries(): Promise<ReadAuditEntry[]>;
  /** The entries about this normalised address, found the way an operator searches the trail. */
  entriesForEmail(normalizedEmail: string): Promise<ReadAuditEntry[]>;
  makeUnavailable(): Promise<void>;
}

export type MakeAuditLog = () => Promise<AuditLogUnderTest>;

/** What every AuditLog must do, as its port's doc comments state. One call per adapter. */
export function describeAuditLogConformance(adapterName: string, makeAuditLog: MakeAuditLog): void {
  describe(`${adapterName}: the audit log contract`, () => {
    it('keeps each event’s fields, oldest first, with when it happened', async () => {
      const { audit, entries } = await makeAuditLog();
      await audit.record({ action: 'request', outcome: 'accepted', clientId: 'cl_1', ip: '192.0.2.1' });
      await audit.record({
        action: 'complete',
        outcome: 'refused',
        reason: 'TOO_SHORT',
        clientId: 'cl_1',
        userId: 'usr_1',
        ip: '192.0.2.1',
      });
      const kept = await entries();
      expect(kept).toEqual([
        expect.objectContaining({ action: 'request', outcome: 'accepted', clientId: 'cl_1', ip: '192.0.2.1' }),
        expect.objectContaining({ action: 'complete', outcome: 'refused', reason: 'TOO_SHORT', userId: 'usr_1' }),
      ]);
      for (const entry of kept) expect(Number.isNaN(Date.parse(entry.at ?? ''))).toBe(false);
    });

    it('never keeps an address, yet finds the entries about one', async () => {
      const { audit, entries, entriesForEmail } = await makeAuditLog();
      await audit.record({ action: 'request', outcome: 'accepted', clientId: 'cl_1', email: 'jane.doe@example.com', ip: '192.0.2.1' });
      await audit.record({ action: 'request', outcome: 'throttled', clientId: 'cl_1', email: 'john@example.com', ip: '192.0.2.1' });
      const everything = JSON.stringify(await entries());
      expect(everything).not.toContain('jane.doe');
      expect(everything).not.toContain('example.com');
      expect(await entriesForEmail('jane.doe@example.com')).toEqual([expect.objectContaining({ outcome: 'accepted' })]);
      expect(await entriesForEmail('nobody@example.com')).toEqual([]);
    });

    it('does not fail the call it describes when its store is unreachable', async () => {
      const { audit, makeUnavailable } = await makeAuditLog();
      await makeUnavailable();
      await expect(audit.record({ action: 'inspect', outcome: 'valid', ip: '192.0.2.1' })).resolves.toBeUndefined();
    });
  });
}
