import type { ResetClient } from '@pwreset/contract/engine';
import type { ClientRegistry } from './client-registry.js';

/** An active client with its credentials version, as ClientRegistry.findWithCredentialsVersion reads it; null: gone or revoked. */
export type CurrentClient = { readonly client: ResetClient; readonly credentialsVersion: number } | null;

export interface ClientSnapshotsOptions {
  readonly registry: Pick<ClientRegistry, 'findWithCredentialsVersion'>;
  /** Clients kept at most; the oldest kept goes first. Default 10 000. */
  readonly maxEntries?: number;
  /**
   * How long a kept client is used at most, in milliseconds, even while the revision stays: it bounds what
   * a registry write that died between its write and its bump (redis-client-registry.ts) can leave stale.
   * Default 5 s.
   */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export interface ClientSnapshots {
  /**
   * The client as the registry holds it at `revision` (the client registry revision, read no earlier than
   * this call's caller began: see AccessTokenStore.authorize): from memory when it was read at that very
   * revision, else read again, and kept under that revision.
   */
  current(clientId: string, revision: string): Promise<CurrentClient>;
}

interface Snapshot {
  readonly revision: string;
  readonly readAt: number;
  readonly current: CurrentClient;
}

/**
 * Clients kept in memory between requests, so that a request reads one counter (the registry revision)
 * instead of the client's whole record: any write to any client bumps the counter, and every kept client
 * is then read again at its next use. Revocation and rotation thus take effect at the next request, as
 * when every request read the record.
 */
export function clientSnapshots({
  registry,
  maxEntries = 10_000,
  maxAgeMs = 5000,
  now = Date.now,
}: ClientSnapshotsOptions): ClientSnapshots {
  const kept = new Map<string, Snapshot>();
  return {
    async current(clientId, revision) {
      const snapshot = kept.get(clientId);
      if (snapshot && snapshot.revision === revision && now() - snapshot.readAt < maxAgeMs) return snapshot.current;
      const readAt = now();
      const current = await registry.findWithCredentialsVersion(clientId);
      // Kept under the revision read before the record: a write since then bumps it past this one.
      kept.delete(clientId);
      kept.set(clientId, { revision, readAt, current });
      if (kept.size > maxEntries) kept.delete(kept.keys().next().value as string);
      return current;
    },
  };
}
