import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startHttpDirectoryTestServer,
  type ApplicationPasswordHasher,
  type HttpDirectoryTestServer,
} from '../../../src/directories/testing/http-directory-test-server.js';
import type { HttpDirectoryEndpoint } from '../../../src/directories/http/http-directory-protocol.js';
import { z } from 'zod';
import { BUILT_CLI, runToCompletion } from '../../support/server-process.js';
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

/**
 * The two ways an application's endpoint can fail a call: an error answer, or no answer within the
 * directory's timeout. `application` is read when a case runs, since the test starts it after
 * collecting its cases.
 */
export function endpointFailures(application: () => DirectoryApplication, endpoint: HttpDirectoryEndpoint, timeoutMs: number) {
  return [
    {
      title: `answers ${endpoint} with 500`,
      script: () => application().server.script(endpoint, { status: 500, body: '{"error":"database down"}' }),
    },
    {
      title: `hangs on ${endpoint} past the directory timeout`,
      script: () =>
        application().server.script(endpoint, async () => {
          await new Promise((resolve) => setTimeout(resolve, timeoutMs * 5));
          return { status: 503 };
        }),
    },
  ];
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
  /** The deployment; its `addClient` is refused here, since clients are registered with addClientWithCli. */
  readonly deployment: LegacyDeployment;
  /**
   * `pnpm cli clients add <args> --json`, the README's command, run with the built CLI against this
   * deployment's Redis and directories file; returns the printed credentials.
   */
  addClientWithCli(args: readonly string[]): Promise<ClientCredentials>;
  close(): Promise<void>;
}

const clientCredentialsSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), apiKey: z.string().min(1) });
export type ClientCredentials = z.infer<typeof clientCredentialsSchema>;

// The server's and the CLI's pepper: the CLI stores a client's secrets as hashes keyed with it. The test
// process's own registry (deployment.clients) keys with another, which is why addClient is refused below.
const HTTP_STORE_PEPPER = 'http-store-recipes-pepper-0123456789abcdef';

/** The built server process with USER_DIRECTORIES_FILE naming one HTTP directory per application. */
export async function startHttpStoreDeployment(
  applications: readonly DirectoryApplication[],
  { timeout = '1s', environment = {} }: { timeout?: string; environment?: Record<string, string> } = {},
): Promise<HttpStoreDeployment> {
  const folder = await mkdtemp(join(tmpdir(), 'pwreset-http-store-'));
  const file = join(folder, 'directories.json');
  await writeFile(file, JSON.stringify(httpDirectoriesFile(applications, timeout)));
  const secrets = Object.fromEntries(applications.map((application) => [secretVariableOf(application.directory), application.secret]));
  const configuration = { ...secrets, USER_DIRECTORIES_FILE: file, TOKEN_PEPPER: HTTP_STORE_PEPPER };
  const deployment = await startLegacyDeployment({ ...environment, ...configuration });
  return {
    deployment: {
      ...deployment,
      addClient() {
        throw new Error('register clients with addClientWithCli: this deployment runs with a pepper of its own');
      },
    },
    async addClientWithCli(args) {
      const added = await runToCompletion(BUILT_CLI, ['clients', 'add', ...args, '--json'], {
        ...configuration,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ...deployment.redisEnvironment,
      });
      if (added.code !== 0) throw new Error(`clients add exited ${added.code}: ${added.stderr}`);
      return clientCredentialsSchema.parse(JSON.parse(added.stdout));
    },
    async close() {
      await deployment.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
