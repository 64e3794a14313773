import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { z } from 'zod';
import { BACKUP_FORMAT_NAME, BACKUP_FORMAT_VERSION, type HeaderRecord } from '../../backup/backup-records.js';
import { parseBackup } from '../../backup/parse-backup.js';
import { backupKeyChecks, backupPepperCheck } from '../../backup/pepper-check.js';
import { readRegistries, UnreadableStoredRecordError } from '../../backup/read-registries.js';
import { findRestoreConflicts, restoreRegistries } from '../../backup/restore-registries.js';
import { webhookSigningKeySealer } from '../../signing/webhook-signing-key-sealing.js';
import { describeOptions, JSON_OPTION, type CliCommand } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { parseOptions, parseOptionsAndArguments } from '../parse-options.js';

const BACKUP_SPEC = { strings: ['out'], booleans: ['json'] } as const;
const RESTORE_SPEC = { strings: [], booleans: ['replace', 'json'] } as const;

const backupOptions = z.object({ out: z.string().min(1, 'must name the file to write'), json: z.boolean().default(false) });
const restoreOptions = z.object({ replace: z.boolean().default(false), json: z.boolean().default(false) });

/**
 * `backup --out FILE`: the registries as JSON Lines (README, "Backup and restore"). Written to a new
 * file of mode 0600 beside FILE, then renamed over it, so a failed backup never leaves half a file where
 * a good one was, and the file is never readable by others, not even while it is written.
 */
export async function backupRegistries(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, backupOptions, BACKUP_SPEC);
  const redis = await context.redis();
  const pending = `${options.out}.${randomBytes(6).toString('hex')}.partial`;
  const file = await open(pending, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot write beside ${options.out} (${error.code ?? 'unwritable'})`);
  });
  const counts = { clients: 0, legacyBindings: 0, users: 0 };
  try {
    const header: HeaderRecord = {
      kind: 'header',
      format: BACKUP_FORMAT_NAME,
      version: BACKUP_FORMAT_VERSION,
      keyPrefix: context.config.redisKeyPrefix,
      createdAt: new Date().toISOString(),
      pepperCheck: backupPepperCheck(context.config.keyRing),
      keyChecks: backupKeyChecks(context.config.keyRing),
    };
    await file.write(`${JSON.stringify(header)}\n`);
    const records = readRegistries({
      redis,
      keys: context.keys,
      keyPrefix: context.config.redisKeyPrefix,
      sealer: webhookSigningKeySealer(context.config.keyRing),
    });
    for await (const record of records) {
      await file.write(`${JSON.stringify(record)}\n`);
      if (record.kind === 'client') counts.clients += 1;
      else if (record.kind === 'legacy-binding') counts.legacyBindings += 1;
      else counts.users += 1;
    }
    await file.sync();
    await file.close();
    // The umask may have narrowed the mode further; never widened, but say 0600 exactly.
    await chmod(pending, 0o600);
    await rename(pending, options.out);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(pending, { force: true });
    if (error instanceof UnreadableStoredRecordError) throw new CliError(`${error.message}; no backup was written`);
    throw error;
  }
  const human = `backed up ${counts.clients} clients, ${counts.legacyBindings} legacy bindings and ${counts.users} users to ${options.out}`;
  context.output(options.json, { file: options.out, ...counts }, human);
  return 0;
}

/**
 * `restore FILE [--replace]`: checks the whole file first (every line, the pepper, the directories, and
 * what already exists in Redis), and writes only when nothing is wrong; a bad file changes nothing.
 */
export async function restoreBackup(context: CliContext, args: readonly string[]): Promise<number> {
  const { options, positionals } = parseOptionsAndArguments(args, restoreOptions, RESTORE_SPEC, 1);
  const [path = ''] = positionals;
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${path} (${error.code ?? 'unreadable'})`);
  });
  const parsed = parseBackup(text, {
    keyRing: context.config.keyRing,
    sealer: webhookSigningKeySealer(context.config.keyRing),
    userDirectories: context.config.userDirectories,
  });
  if (!parsed.ok)
    throw new CliError(`${path} is not a backup this service can restore; nothing was written:\n  ${parsed.problems.join('\n  ')}`);
  const redis = await context.redis();
  const target = { redis, keys: context.keys, replace: options.replace };
  const conflicts = await findRestoreConflicts(parsed.backup, target);
  if (conflicts.length > 0) {
    const hint = options.replace ? '' : '\n(--replace overwrites records with the same id)';
    throw new CliError(`restore would overwrite existing records; nothing was written:\n  ${conflicts.slice(0, 20).join('\n  ')}${hint}`);
  }
  const summary = await restoreRegistries(parsed.backup, target);
  const human =
    `restored ${summary.clients} clients, ${summary.legacyBindings} legacy bindings and ${summary.users} users ` +
    `(backed up from prefix "${parsed.backup.header.keyPrefix}" at ${parsed.backup.header.createdAt}, written under "${context.config.redisKeyPrefix}")`;
  context.output(
    options.json,
    { ...summary, keyPrefix: context.config.redisKeyPrefix, backupKeyPrefix: parsed.backup.header.keyPrefix },
    human,
  );
  return 0;
}

export const BACKUP_COMMANDS: readonly CliCommand[] = [
  {
    name: 'backup',
    synopsis: '--out FILE',
    summary: 'writes clients, legacy bindings and embedded users to FILE (JSON Lines, mode 0600; no raw secret)',
    options: describeOptions(BACKUP_SPEC, {
      out: { value: 'FILE', text: 'the backup file to write (replaced if it exists)' },
      json: JSON_OPTION,
    }),
    run: backupRegistries,
  },
  {
    name: 'restore',
    synopsis: 'FILE',
    summary: 'restores a backup; checks it whole first and writes nothing when anything is wrong',
    options: describeOptions(RESTORE_SPEC, {
      replace: { text: 'overwrite clients and users that exist under the same id, and legacy bindings' },
      json: JSON_OPTION,
    }),
    run: restoreBackup,
  },
];
