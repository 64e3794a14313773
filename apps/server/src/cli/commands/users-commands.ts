import { emailSchema, localeSchema } from '@pwreset/contract';
import { z } from 'zod';
import type { ServerConfig } from '../../config/load-config.js';
import { describeOptions, JSON_OPTION, type CliCommand, type OptionDescription } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { directoryOptionWithDefault, requireEmbeddedDirectory } from '../directory-option.js';
import { parseOptions } from '../parse-options.js';
import { readPasswordFromStdin } from '../read-password-from-stdin.js';
import { IMPORT_USERS_COMMAND } from './users-import-command.js';

const passwordSchema = z.string().min(1, 'is required').max(1024);

/** `--password P` or `--password-stdin`, exactly one. */
const passwordSourceShape = { password: passwordSchema.optional(), 'password-stdin': z.boolean().default(false) };
const exactlyOnePasswordSource = (options: { password?: string | undefined; 'password-stdin'?: boolean }) =>
  (options.password === undefined) === (options['password-stdin'] === true);
const PASSWORD_SOURCE_RULE = {
  path: ['password'],
  message: 'give either --password P or --password-stdin',
  // Also when another option is wrong, so that every problem is listed at once.
  when: () => true,
};

const addUserOptions = (config: ServerConfig) =>
  z
    .object({
      email: emailSchema,
      ...passwordSourceShape,
      name: z.string().min(1).max(200).optional(),
      locale: localeSchema.optional(),
      directory: directoryOptionWithDefault(config),
      json: z.boolean().default(false),
    })
    .refine(exactlyOnePasswordSource, PASSWORD_SOURCE_RULE);

const checkPasswordOptions = (config: ServerConfig) =>
  z
    .object({ email: emailSchema, ...passwordSourceShape, directory: directoryOptionWithDefault(config), json: z.boolean().default(false) })
    .refine(exactlyOnePasswordSource, PASSWORD_SOURCE_RULE);

const ADD_USER_SPEC = { strings: ['email', 'password', 'name', 'locale', 'directory'], booleans: ['password-stdin', 'json'] } as const;
const CHECK_PASSWORD_SPEC = { strings: ['email', 'password', 'directory'], booleans: ['password-stdin', 'json'] } as const;

async function passwordOf(options: { password?: string | undefined; 'password-stdin': boolean }): Promise<string> {
  return options.password ?? passwordSchema.parse(await readPasswordFromStdin());
}

/** `users add`: creates an account in an embedded directory; the password is stored as argon2id only. */
export async function addUser(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, addUserOptions(context.config), ADD_USER_SPEC);
  requireEmbeddedDirectory(context.config, options.directory, 'users add');
  const password = await passwordOf(options);
  const users = (await context.directories()).embedded(options.directory);
  if (!users) throw new CliError(`user directory "${options.directory}" is not embedded`, 2);
  const result = await users.createUser({ email: options.email, password, name: options.name, locale: options.locale });
  if (!result.created) throw new CliError(`a user with the address ${options.email} already exists in "${options.directory}"`);
  context.output(options.json, { userId: result.userId }, `created user ${result.userId} <${options.email}> in "${options.directory}"`);
  return 0;
}

/** `users check-password`: exit 0 when the password matches, 1 when it does not (or no such user). Any kind of directory. */
export async function checkUserPassword(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, checkPasswordOptions(context.config), CHECK_PASSWORD_SPEC);
  const password = await passwordOf(options);
  const users = (await context.directories()).named(options.directory);
  const user = await users.findByEmail(options.email);
  const matches = user !== null && (await users.verifyPassword(user.id, password));
  context.output(options.json, { matches }, matches ? 'password matches' : 'password does not match');
  return matches ? 0 : 1;
}

const DIRECTORY_HELP: OptionDescription = { value: 'NAME', text: 'the user directory (USER_DIRECTORIES_FILE; default: default)' };
const PASSWORD_STDIN_HELP: OptionDescription = {
  text: 'read the password from stdin (one trailing newline dropped), not the command line',
};

export const USERS_COMMANDS: readonly CliCommand[] = [
  {
    name: 'users add',
    synopsis: '--email E --password P',
    summary: 'creates a user in an embedded directory; prints its id',
    options: describeOptions(ADD_USER_SPEC, {
      email: { value: 'E', text: 'the address (unique, whatever its case)' },
      password: { value: 'P', text: 'the password, stored as argon2id only' },
      'password-stdin': PASSWORD_STDIN_HELP,
      name: { value: 'N', text: 'the name used in mails' },
      locale: { value: 'L', text: 'the language of its mails (a BCP 47 tag: en, nl, fr-BE…)' },
      directory: { value: 'NAME', text: 'an embedded (redis) directory of USER_DIRECTORIES_FILE (default: default)' },
      json: JSON_OPTION,
    }),
    run: addUser,
  },
  {
    name: 'users check-password',
    synopsis: '--email E --password P',
    summary: 'exit 0 when the password matches, 1 otherwise',
    options: describeOptions(CHECK_PASSWORD_SPEC, {
      email: { value: 'E', text: 'the user’s address' },
      password: { value: 'P', text: 'the password to compare' },
      'password-stdin': PASSWORD_STDIN_HELP,
      directory: DIRECTORY_HELP,
      json: JSON_OPTION,
    }),
    run: checkUserPassword,
  },
  IMPORT_USERS_COMMAND,
];
