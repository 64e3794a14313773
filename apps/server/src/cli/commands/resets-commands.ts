import {
  ADMIN_RESET_DELIVERIES,
  emailSchema,
  localeSchema,
  MIN_ADMIN_RESET_TTL_SECONDS,
  normalizeEmail,
  type ResetErrorCode,
} from '@pwreset/contract';
import { startAdminReset, type UserRef } from '@pwreset/contract/engine';
import { z } from 'zod';
import { formatDurationSeconds, parseDurationSeconds } from '../../config/duration.js';
import type { ServerConfig } from '../../config/load-config.js';
import { describeOptions, JSON_OPTION, type CliCommand } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { directoryOptionWithDefault } from '../directory-option.js';
import { parseOptions } from '../parse-options.js';
import { adminResetPorts } from './admin-reset-ports.js';
import { registry } from './clients-commands.js';

const userIdSchema = z.string().min(1).max(255);

/** `--email E` or `--user-id ID`, exactly one. */
const ONE_USER_RULE = {
  path: ['email'],
  message: 'give either --email E or --user-id ID',
  // Also when another option is wrong, so that every problem is listed at once.
  when: () => true,
};
const exactlyOneUser = (options: { email?: string | undefined; 'user-id'?: string | undefined }) =>
  (options.email === undefined) !== (options['user-id'] === undefined);

const ttlSchema = z.string().transform((text, ctx) => {
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined || seconds < MIN_ADMIN_RESET_TTL_SECONDS) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a duration of at least ${formatDurationSeconds(MIN_ADMIN_RESET_TTL_SECONDS)}, such as 2h`,
    });
    return z.NEVER;
  }
  return seconds;
});

const START_SPEC = { strings: ['client', 'email', 'user-id', 'ttl', 'deliver', 'locale'], booleans: ['json'] } as const;
const startOptions = z
  .object({
    client: z.string().min(1, 'is required').max(64),
    email: emailSchema.optional(),
    'user-id': userIdSchema.optional(),
    ttl: ttlSchema.optional(),
    deliver: z.enum(ADMIN_RESET_DELIVERIES, { error: `must be one of ${ADMIN_RESET_DELIVERIES.join(', ')}` }).default('mail'),
    locale: localeSchema.optional(),
    json: z.boolean().default(false),
  })
  .refine(exactlyOneUser, ONE_USER_RULE);

const USER_SPEC = { strings: ['email', 'user-id', 'directory'], booleans: ['json'] } as const;
const userOptions = (config: ServerConfig) =>
  z
    .object({
      email: emailSchema.optional(),
      'user-id': userIdSchema.optional(),
      directory: directoryOptionWithDefault(config),
      json: z.boolean().default(false),
    })
    .refine(exactlyOneUser, ONE_USER_RULE);

/** What the operator reads for a refusal; never the address (they typed it) nor anything secret. */
function startFailure(code: ResetErrorCode, directory: string): CliError {
  if (code === 'ACCOUNT_NOT_FOUND') return new CliError(`no such account in user directory "${directory}"`);
  if (code === 'ACCOUNT_DISABLED') return new CliError(`the account is disabled in user directory "${directory}": no reset started`);
  return new CliError(`no reset started: ${code}`);
}

/** `resets start`: mails a reset link to a user of the client's directory, or prints it once (`--deliver return`). */
export async function startReset(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, startOptions, START_SPEC);
  // The operator holds the registry: any active client will do, whatever it is allowed itself.
  const client = await (await registry(context)).findById(options.client);
  if (!client) throw new CliError(`no active client ${options.client}`);
  if (options.ttl !== undefined && options.ttl > client.resetTokenTtlSeconds) {
    const most = formatDurationSeconds(client.resetTokenTtlSeconds);
    throw new CliError(`--ttl: at most ${most}, the link lifetime of client ${client.id}`, 2);
  }
  const ports = await adminResetPorts(context);
  try {
    const result = await startAdminReset(ports, {
      client,
      target: options.email === undefined ? { userId: options['user-id'] ?? '' } : { email: options.email },
      ttlSeconds: options.ttl,
      deliver: options.deliver,
      locale: options.locale,
      startedBy: 'cli',
    });
    if (!result.ok) throw startFailure(result.error.code, client.directory);
    const started = result.value;
    const human =
      started.deliver === 'mail'
        ? `reset mail queued for user ${started.userId} in "${started.directory}"; the link works until ${started.expiresAt}`
        : `reset link for user ${started.userId} in "${started.directory}", shown this once, works until ${started.expiresAt}:\n${started.link}`;
    context.output(options.json, started, human);
    return 0;
  } finally {
    await ports.close();
  }
}

/** The user the options name: by id as given, by address as the directory finds it. */
async function userOf(
  context: CliContext,
  options: { email?: string | undefined; 'user-id'?: string | undefined; directory: string },
): Promise<UserRef> {
  if (options['user-id'] !== undefined) return { directory: options.directory, userId: options['user-id'] };
  const user = await (await context.directories()).named(options.directory).findByEmail(options.email ?? '');
  if (!user) throw new CliError(`no such account in user directory "${options.directory}"`);
  return { directory: options.directory, userId: user.id };
}

/** `resets list`: the user's links that still work; when made, until when, for which client. Never a secret or its hash. */
export async function listResets(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, userOptions(context.config), USER_SPEC);
  const user = await userOf(context, options);
  const ports = await adminResetPorts(context);
  try {
    const links = (await ports.tokens.listActiveForUser(user)).map((record) => ({
      clientId: record.clientId,
      createdAt: record.issuedAt.toISOString(),
      expiresAt: record.expiresAt.toISOString(),
    }));
    // A dispute ("this wasn't me") holding reset mails back is what an operator asked about the user needs to know.
    const lockedUntil = await ports.disputes.resetLockOf(user);
    const lock = lockedUntil === null ? {} : { disputeLockedUntil: lockedUntil.toISOString() };
    const human = [
      links.length === 0
        ? `no outstanding reset links for user ${user.userId} in "${user.directory}"`
        : links.map((link) => `created ${link.createdAt}  expires ${link.expiresAt}  client ${link.clientId}`).join('\n'),
      ...(lockedUntil === null ? [] : [`disputed: no reset mail until ${lockedUntil.toISOString()} (resets start lifts it)`]),
    ].join('\n');
    context.output(options.json, { ...user, links, ...lock }, human);
    return 0;
  } finally {
    await ports.close();
  }
}

/** `resets revoke`: kills every outstanding link of the user at once (its reset generation moves on); audited. */
export async function revokeResets(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, userOptions(context.config), USER_SPEC);
  const user = await userOf(context, options);
  const ports = await adminResetPorts(context);
  try {
    const revoked = (await ports.tokens.listActiveForUser(user)).length;
    await ports.tokens.revokeAllForUser(user);
    await ports.audit.record({
      action: 'admin-revoke',
      outcome: 'revoked',
      actor: 'cli',
      ...user,
      ...(options.email === undefined ? {} : { email: normalizeEmail(options.email) }),
    });
    context.output(
      options.json,
      { ...user, revoked },
      `revoked ${revoked} outstanding reset link(s) of user ${user.userId} in "${user.directory}"`,
    );
    return 0;
  } finally {
    await ports.close();
  }
}

const USER_HELP = {
  email: { value: 'E', text: 'the user’s address' },
  'user-id': { value: 'ID', text: 'or the directory’s id of the user' },
  directory: { value: 'NAME', text: 'the user directory (USER_DIRECTORIES_FILE; default: default)' },
  json: JSON_OPTION,
} as const;

export const RESETS_COMMANDS: readonly CliCommand[] = [
  {
    name: 'resets start',
    synopsis: '--client ID (--email E | --user-id ID)',
    summary: 'starts a reset for a user of the client’s directory: mails the link, or prints it once; lifts a dispute lock (audited)',
    options: describeOptions(START_SPEC, {
      client: { value: 'ID', text: 'the client the link is for (its directory, reset page, mails and lifetime)' },
      email: { value: 'E', text: 'the user’s address' },
      'user-id': { value: 'ID', text: 'or the directory’s id of the user' },
      ttl: {
        value: 'D',
        text: `the link’s lifetime, ${formatDurationSeconds(MIN_ADMIN_RESET_TTL_SECONDS)} up to the client’s (default: the client’s)`,
      },
      deliver: { value: 'mail|return', text: 'mail the link (default), or print it this once instead (audited)' },
      locale: { value: 'L', text: 'the mail’s language (default: the user’s, else the client’s)' },
      json: JSON_OPTION,
    }),
    run: startReset,
  },
  {
    name: 'resets list',
    synopsis: '(--email E | --user-id ID)',
    summary: 'a user’s outstanding reset links: created, expires, client (never a secret); a running dispute lock',
    options: describeOptions(USER_SPEC, USER_HELP),
    run: listResets,
  },
  {
    name: 'resets revoke',
    synopsis: '(--email E | --user-id ID)',
    summary: 'kills every outstanding reset link of a user at once (audited)',
    options: describeOptions(USER_SPEC, USER_HELP),
    run: revokeResets,
  },
];
