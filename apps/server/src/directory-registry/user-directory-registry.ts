import type { UserDirectoriesConfig } from '../config/user-directories/load-user-directories.js';
import type { DirectoryHealth, ServedUserDirectory } from '../directories/served-user-directory.js';
import type { UserDirectories } from '@pwreset/contract/engine';
import type { ManagedUserDirectory } from '../users/redis-user-directory.js';
import { servedDirectoryForKind, type BuiltDirectory, type DirectoryBuildContext } from './served-directory-for-kind.js';
import { UnknownUserDirectoryError } from './unknown-user-directory-error.js';
import { watchOutages, type OutageLog } from '../observability/outage-log.js';

/** Every configured user directory, built once per process: the engine's `ports.users`, readiness and shutdown. */
export interface UserDirectoryRegistry extends UserDirectories {
  /** The directory called `name`; throws UnknownUserDirectoryError (a DependencyUnavailableError, so 503) for a name not configured. */
  named(name: string): ServedUserDirectory;
  /** The configured names, in the file's order. */
  readonly names: readonly string[];
  /** The operator methods of an embedded (`redis`) directory; `undefined` for another kind. Throws for an unknown name, as `named`. */
  embedded(name: string): ManagedUserDirectory | undefined;
  /**
   * Every directory's health by name, probed together; never rejects. A probe still running after
   * `deadlineMs` (default: none but the directory's own timeout) counts as `timeout`.
   */
  health(options?: { readonly deadlineMs?: number }): Promise<Readonly<Record<string, DirectoryHealth>>>;
  /** Closes every pool; once, on shutdown. */
  close(): Promise<void>;
}

export interface UserDirectoryRegistryOptions extends DirectoryBuildContext {
  readonly directories: UserDirectoriesConfig;
  /** Where each directory's outage starts and ends (one warn line each); none: not reported. */
  readonly outages?: OutageLog;
}

/** The probe's answer, or `timeout` once `deadlineMs` has passed (the probe itself runs on to its own bound). */
async function withinDeadline(probe: Promise<DirectoryHealth>, deadlineMs: number): Promise<DirectoryHealth> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DirectoryHealth>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'unavailable', reason: 'timeout' }), deadlineMs);
  });
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function createUserDirectoryRegistry({ directories, outages, ...context }: UserDirectoryRegistryOptions): UserDirectoryRegistry {
  const built = new Map<string, BuiltDirectory>(
    Object.entries(directories).map(([name, settings]) => [name, servedDirectoryForKind(name, settings, context)]),
  );
  // What the engine calls reports outages; health probes (below) use the bare directory, since a
  // probe's "unavailable" answer resolves and would otherwise read as the outage's end.
  const watched = new Map<string, ServedUserDirectory>(
    [...built].map(([name, directory]) => [
      name,
      outages ? watchOutages(outages, `user directory "${name}"`, directory.served) : directory.served,
    ]),
  );

  function find(name: string): BuiltDirectory {
    const directory = built.get(name);
    if (directory === undefined) throw new UnknownUserDirectoryError(name);
    return directory;
  }

  return {
    names: [...built.keys()],
    named: (name) => watched.get(name) ?? find(name).served,
    embedded(name) {
      const directory = find(name);
      return directory.kind === 'redis' ? directory.embedded.managed : undefined;
    },
    async health({ deadlineMs } = {}) {
      const entries = await Promise.all(
        [...built].map(async ([name, directory]) => {
          const probe = directory.served.checkHealth().catch((): DirectoryHealth => ({ status: 'unavailable', reason: 'unreachable' }));
          return [name, deadlineMs === undefined ? await probe : await withinDeadline(probe, deadlineMs)] as const;
        }),
      );
      return Object.fromEntries(entries);
    },
    async close() {
      // Every pool, even when one fails to close: shutdown must not leave the others open.
      await Promise.allSettled([...built.values()].map((directory) => directory.served.close()));
    },
  };
}
