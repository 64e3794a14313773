import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { BUILT_CLI, runToCompletion } from '../../support/server-process.js';
import { startLegacyDeployment, type LegacyDeployment } from './legacy-deployment.js';

/**
 * The pepper shared by the server process and `pnpm cli` here: clients are added with the CLI, as the
 * README's recipes do, so both must key client secrets alike (legacy-deployment's own pepper is private).
 */
const SHARED_PEPPER = 'sql-store-recipes-pepper-0123456789abcdef';

const addedClientSchema = z.object({ clientId: z.string(), clientSecret: z.string(), apiKey: z.string() });
export type AddedClient = z.infer<typeof addedClientSchema>;

export interface DeploymentOverDirectories {
  readonly deployment: LegacyDeployment;
  /** `pnpm cli clients add <args> --json` against the deployment's Redis and directories file; the credentials it printed. */
  addClientWithCli(args: readonly string[]): Promise<AddedClient>;
  close(): Promise<void>;
}

/**
 * The legacy deployment (the built server over a private Redis) started with `USER_DIRECTORIES_FILE`
 * naming a file of `directories`, and the environment their `{"env": …}` values read.
 */
export async function startLegacyDeploymentOverDirectories(
  directories: Record<string, unknown>,
  environment: Record<string, string>,
): Promise<DeploymentOverDirectories> {
  const folder = await mkdtemp(join(tmpdir(), 'pwreset-sql-store-'));
  const directoriesFile = join(folder, 'directories.json');
  await writeFile(directoriesFile, JSON.stringify(directories));
  const shared = { USER_DIRECTORIES_FILE: directoriesFile, TOKEN_PEPPER: SHARED_PEPPER, ...environment };
  let deployment: LegacyDeployment;
  try {
    deployment = await startLegacyDeployment(shared);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    deployment,
    async addClientWithCli(args) {
      const cliEnvironment = { ...shared, NODE_ENV: 'test', ...deployment.redisEnvironment, MAIL_OUTBOX_DIR: join(folder, 'cli-outbox') };
      const added = await runToCompletion(BUILT_CLI, ['clients', 'add', ...args, '--json'], cliEnvironment);
      if (added.code !== 0) throw new Error(`clients add exited ${added.code}: ${added.stderr}`);
      return addedClientSchema.parse(JSON.parse(added.stdout));
    },
    async close() {
      await deployment.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
