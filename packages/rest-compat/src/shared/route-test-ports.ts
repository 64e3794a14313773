import { DEFAULT_USER_DIRECTORY, namedUserDirectories, type ResetPorts, type UserDirectory } from '@pwreset/contract/engine';
import { controllableClock, createInMemoryResetPorts, type InMemoryJobQueue } from '@pwreset/contract/testing';

/** The one account the router tests' ports know. */
export const ROUTE_TEST_ACCOUNT = 'jane@example.com';

/**
 * The engine's ports in memory, for a router test: one known account (ROUTE_TEST_ACCOUNT), a clock
 * stopped at 2025-01-01T00:00:00Z, and the account lookup throwing whatever `failure()` returns,
 * so a test can stand in for an unreachable store (DependencyUnavailableError) or a broken one.
 */
export async function routeTestPorts(failure: () => Error | undefined): Promise<{ ports: ResetPorts; jobs: InMemoryJobQueue }> {
  const inMemory = createInMemoryResetPorts({ clock: controllableClock(new Date('2025-01-01T00:00:00Z')) });
  const directory = inMemory.users.named(DEFAULT_USER_DIRECTORY);
  await directory.addUser({ email: ROUTE_TEST_ACCOUNT, password: 'route-test-password' });
  const failing: UserDirectory = {
    ...directory,
    async findByEmail(email) {
      const error = failure();
      if (error) throw error;
      return directory.findByEmail(email);
    },
  };
  return { ports: { ...inMemory, users: namedUserDirectories({ [DEFAULT_USER_DIRECTORY]: failing }) }, jobs: inMemory.jobs };
}
