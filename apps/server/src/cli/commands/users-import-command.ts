import { readFile } from 'node:fs/promises';
import { emailSchema, localeSchema } from '@pwreset/contract';
import { z } from 'zod';
import { storedPasswordHashFormat } from '../../users/password-hashes/index.js';
import { describeOptions, JSON_OPTION, type CliCommand } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { directoryOptionWithDefault, requireEmbeddedDirectory } from '../directory-option.js';
import { parseOptionsAndArguments } from '../parse-options.js';
import type { ImportedUser } from '../../users/redis-user-directory.js';

/**
 * One line of the import file. Strict: a misspelt key (`password_hash`) is refused, not dropped. No
 * message here quotes a value, so a hash never reaches the report.
 */
const UNKNOWN_HASH_FORMAT = 'is not an argon2id, bcrypt or trafficops-scrypt hash';

const importLineSchema = z.strictObject({
  email: emailSchema,
  passwordHash: z.string().refine((hash) => storedPasswordHashFormat(hash) !== null, UNKNOWN_HASH_FORMAT),
  name: z.string().min(1).max(200).optional(),
  locale: localeSchema.optional(),
  disabled: z.boolean().optional(),
});

const IMPORT_SPEC = { strings: ['directory'], booleans: ['json'] } as const;

export interface SkippedLine {
  readonly line: number;
  readonly reason: string;
}

function lineProblem(text: string): { user: ImportedUser } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Never the parser's message: it quotes the text around the error, which may be a hash.
    return { reason: 'not valid JSON' };
  }
  const parsed = importLineSchema.safeParse(value);
  if (parsed.success) return { user: parsed.data };
  return { reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ') };
}

/**
 * `users import --directory NAME FILE.jsonl`: moves accounts into an embedded directory with the hashes
 * they have, so nobody needs to know their passwords. Each line is checked and imported on its own; the
 * report lists every skipped line. Exit 0 when every line was imported, 1 when any was skipped.
 */
export async function importUsers(context: CliContext, args: readonly string[]): Promise<number> {
  const schema = z.object({ directory: directoryOptionWithDefault(context.config), json: z.boolean().default(false) });
  const { options, positionals } = parseOptionsAndArguments(args, schema, IMPORT_SPEC, 1);
  const [file = ''] = positionals;
  requireEmbeddedDirectory(context.config, options.directory, 'users import');
  const users = (await context.directories()).embedded(options.directory);
  if (!users) throw new CliError(`user directory "${options.directory}" is not embedded`, 2);

  // Read whole before the first account is stored: a file that cannot be read imports nothing, not half.
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file} (${error.code ?? 'unreadable'})`);
  });

  let imported = 0;
  const skipped: SkippedLine[] = [];
  let line = 0;
  for (const lineText of text.split(/\r?\n/)) {
    line += 1;
    if (lineText.trim() === '') continue;
    const checked = lineProblem(lineText);
    if ('reason' in checked) {
      skipped.push({ line, reason: checked.reason });
      continue;
    }
    const result = await users.importUser(checked.user);
    if (result.created) imported += 1;
    else if (result.reason === 'UNKNOWN_HASH_FORMAT') skipped.push({ line, reason: `passwordHash: ${UNKNOWN_HASH_FORMAT}` });
    else skipped.push({ line, reason: `an account with this address already exists in "${options.directory}"` });
  }

  const human = [
    `imported ${imported} user${imported === 1 ? '' : 's'} into "${options.directory}", skipped ${skipped.length}`,
    ...skipped.map((entry) => `  line ${entry.line}: ${entry.reason}`),
  ].join('\n');
  context.output(options.json, { directory: options.directory, imported, skipped }, human);
  return skipped.length === 0 ? 0 : 1;
}

export const IMPORT_USERS_COMMAND: CliCommand = {
  name: 'users import',
  synopsis: '--directory NAME FILE.jsonl',
  summary: 'imports users with their existing hashes into an embedded directory',
  options: describeOptions(IMPORT_SPEC, {
    directory: { value: 'NAME', text: 'an embedded (redis) directory of USER_DIRECTORIES_FILE (default: default)' },
    json: JSON_OPTION,
  }),
  run: importUsers,
};
