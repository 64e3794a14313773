import { z } from 'zod';
import type { ServerConfig } from '../config/load-config.js';
import { DEFAULT_DIRECTORY_NAME } from '../config/user-directories/directory-name.js';
import type { UserDirectorySettings } from '../config/user-directories/user-directories-schema.js';
import { CliError } from './cli-context.js';

/**
 * `--directory NAME`: a directory of USER_DIRECTORIES_FILE (the same file the server loads), checked with
 * the command's other options so that every problem is listed at once, exit code 2.
 */
export function directoryOptionSchema(config: Pick<ServerConfig, 'userDirectories'>) {
  const names = Object.keys(config.userDirectories);
  return z
    .string()
    .refine(
      (name) => Object.hasOwn(config.userDirectories, name),
      `must name a user directory of USER_DIRECTORIES_FILE (configured: ${names.join(', ')})`,
    );
}

/** The option with its default, for the users commands. */
export function directoryOptionWithDefault(config: Pick<ServerConfig, 'userDirectories'>) {
  return directoryOptionSchema(config).default(DEFAULT_DIRECTORY_NAME);
}

/** A directory that must be embedded (`redis`): the service can add or import accounts only in its own store. */
export function requireEmbeddedDirectory(config: Pick<ServerConfig, 'userDirectories'>, name: string, command: string): void {
  const settings: UserDirectorySettings | undefined = config.userDirectories[name];
  if (settings !== undefined && settings.kind !== 'redis') {
    throw new CliError(
      `--directory: user directory "${name}" is of kind ${settings.kind}; ${command} works only on an embedded (redis) directory ` +
        `(the application keeps its own accounts)`,
      2,
    );
  }
}
