import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startHttpDirectoryTestServer,
  type ApplicationPasswordHasher,
  type HttpDirectoryTestServer,
} from '../../../src/directories/testing/http-directory-test-server.js';
import { startLegacyDeployment, type LegacyDeployment } from './legacy-deployment.js';

/**
 * An application that keeps its own users and serves the HTTP directory protocol for them: the
 * protocol server of src/directories/testing (which checks every call with verifyDirectoryRequest),
 * over a table whose hashes are in the application's own format.
 */
export interface DirectoryApplication {
  readonly server: HttpDirectoryTestServer;
  /** The name of the directory it serves in USER_DIRECTORIES_FILE. */
  readonly directory: string;
  /** The key both sides sign with; the service reads it from the environment, never from the file. */
  readonly secret: string;
  /** Adds a user with a password the application hashes itself; returns the application's id. */
  addUser(email: string, password: string): Promise<string>;
  /** The application's own login check against what its table now holds. */
  checkPassword(id: string, password: string): Promise<boolean>;
}

export async function startDirectoryApplication(directory: string, scheme: ApplicationPasswordHasher): Promise<DirectoryApplication> {
  // At least 32 characters, as the directories file requires; one per application.
  const secret = `${directory}-directory-secret-${randomUUID()}`;
  const server = await startHttpDirectoryTestServer({ secret, hasher: scheme });
  return {
    server,
    directory,
    secret,
    async addUser(email, password) {
      return server.addAccount({ email, passwordHash: await scheme.hash(password) });
    },
    async checkPassword(id, password) {
      const account = server.accounts.get(id);
      if (!account) throw new Error(`the application has no user ${id}`);
      return (await scheme.verify(password, account.passwordHash)) === true;
    },
  };
}

/** The environment variable that holds a directory's secret: `{"env": …}` in the file keeps it out of it. */
export const secretVariableOf = (directory: string) => `DIRECTORY_SECRET_${directory.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** The USER_DIRECTORIES_FILE entries for these applications, as the README's recipes write them. */
export function httpDirectoriesFile(applications: readonly DirectoryApplication[], timeout: string): Record<string, unknown> {
  return Object.fromEntries(
    applications.map((application) => [
      application.directory,
      { kind: 'http', url: application.server.url, secret: { env: secretVariableOf(application.directory) }, timeout },
    ]),
  );
}

export interface HttpStoreDeployment {
  readonly deployment: LegacyDeployment;
  close(): Promise<void>;
}

/** The built server process with USER_DIRECTORIES_FILE naming one HTTP directory per application. */
export async function startHttpStoreDeployment(
  applications: readonly DirectoryApplication[],
  { timeout = '1s', environment = {} }: { timeout?: string; environment?: Record<string, string> } = {},
): Promise<HttpStoreDeployment> {
  const folder = await mkdtemp(join(tmpdir(), 'pwreset-http-store-'));
  const file = join(folder, 'directories.json');
  await writeFile(file, JSON.stringify(httpDirectoriesFile(applications, timeout)));
  const secrets = Object.fromEntries(applications.map((application) => [secretVariableOf(application.directory), application.secret]));
  const deployment = await startLegacyDeployment({ ...environment, ...secrets, USER_DIRECTORIES_FILE: file });
  return {
    deployment,
    async close() {
      await deployment.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
