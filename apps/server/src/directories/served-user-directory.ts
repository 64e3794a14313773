import type { UserDirectory } from '@pwreset/contract/engine';
import type { DirectoryUnavailableReason } from './directory-unavailable-error.js';

/** What /readyz reports for one directory; `unavailable` degrades it without taking the service out. */
export type DirectoryHealth = { readonly status: 'ok' } | { readonly status: 'unavailable'; readonly reason: DirectoryUnavailableReason };

/**
 * A user directory as the server runs it: the engine's port, plus readiness and shutdown.
 * Every method of the port rejects with DirectoryUnavailableError when the store cannot answer.
 */
export interface ServedUserDirectory extends UserDirectory {
  /** Whether the store answers now, within its timeout; never rejects. */
  checkHealth(): Promise<DirectoryHealth>;
  /** Closes the connections; called once, on shutdown. */
  close(): Promise<void>;
}
