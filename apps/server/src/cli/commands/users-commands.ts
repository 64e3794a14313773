import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { emailSchema, localeSchema } from '@pwreset/contract';
import { z } from 'zod';
import { redisUserDirectory } from '../../users/redis-user-directory.js';
import { describeOptions, JSON_OPTION, type CliCommand } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';

const addUserOptions = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(1024),
  name: z.string().min(1).max(200).optional(),
  locale: localeSchema.optional(),
  json: z.boolean().default(false),
});

const checkPasswordOptions = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(1024),
  json: z.boolean().default(false),
});

const ADD_USER_SPEC = { strings: ['email', 'password', 'name', 'locale'], booleans: ['json'] } as const;
const CHECK_PASSWORD_SPEC = { strings: ['email', 'password'], booleans: ['json'] } as const;

/** `users add`: creates an account; the password is stored as argon2id only. */
export async function addUser(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, addUserOptions, ADD_USER_SPEC);
  const users = redisUserDirectory({ redis: await context.redis(), keys: context.keys, directory: DEFAULT_USER_DIRECTORY });
  const result = await users.createUser(options);
  if (!result.created) throw new CliError(`a user with the address ${options.email} already exists`);
  context.output(options.json, { userId: result.userId }, `created user ${result.userId} <${options.email}>`);
  return 0;
}

/** `users check-password`: exit 0 when the password matches, 1 when it does not (or no such user). */
export async function checkUserPassword(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, checkPasswordOptions, CHECK_PASSWORD_SPEC);
  const users = redisUserDirectory({ redis: await context.redis(), keys: context.keys, directory: DEFAULT_USER_DIRECTORY });
  const user = await users.findByEmail(options.email);
  const matches = user !== null && (await users.verifyPassword(user.id, options.password));
  context.output(options.json, { matches }, matches ? 'password matches' : 'password does not match');
  return matches ? 0 : 1;
}

export const USERS_COMMANDS: readonly CliCommand[] = [
  {
    name: 'users add',
    synopsis: '--email E --password P',
    summary: 'creates a user; prints its id',
    options: describeOptions(ADD_USER_SPEC, {
      email: { value: 'E', text: 'the address (unique, whatever its case)' },
      password: { value: 'P', text: 'the password, stored as argon2id only' },
      name: { value: 'N', text: 'the name used in mails' },
      locale: { value: 'L', text: 'the language of its mails (a BCP 47 tag: en, nl, fr-BE…)' },
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
      json: JSON_OPTION,
    }),
    run: checkUserPassword,
  },
];
