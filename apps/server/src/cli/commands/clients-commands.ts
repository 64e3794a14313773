import { SUPPORTED_LOCALES } from '@pwreset/contract';
import { PROVIDER_TEMPLATE_KINDS } from '@pwreset/contract/engine';
import { z } from 'zod';
import { formatDurationSeconds } from '../../config/duration.js';
import type { ServerConfig } from '../../config/load-config.js';
import { DEFAULT_DIRECTORY_NAME } from '../../config/user-directories/directory-name.js';
import { clientSettingsSchema, clientTtlSchema, clientUrlSchema, legacyApiListSchema } from '../../clients/client-settings.js';
import type { ClientRegistry, RegistryFailure } from '../../clients/client-registry.js';
import { redisClientRegistry } from '../../clients/redis-client-registry.js';
import type { ClientView } from '../../clients/stored-client.js';
import { describeOptions, JSON_ONLY_SPEC, JSON_OPTION, type CliCommand, type OptionHelp } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { directoryOptionSchema } from '../directory-option.js';
import { parseOptions } from '../parse-options.js';

const SETTING_OPTIONS = {
  strings: [
    'name',
    'sender-name',
    'reset-url',
    'ttl',
    'locale',
    'min-password-length',
    'legacy',
    'webhook-url',
    'sendgrid-template',
    'directory',
  ],
  booleans: ['allow-admin', 'allow-admin-links', 'deny-admin', 'json'],
  multiple: ['reset-url', 'sendgrid-template'],
} as const;

const settingOptionsSchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  'sender-name': z.string().trim().min(1).max(100).optional(),
  'reset-url': z.array(clientUrlSchema).max(20).optional(),
  ttl: clientTtlSchema.optional(),
  locale: z.enum(SUPPORTED_LOCALES, { error: `must be one of ${SUPPORTED_LOCALES.join(', ')}` }).optional(),
  'min-password-length': z.coerce.number().int().min(8, 'must be at least 8').max(64, 'must be at most 64').optional(),
  legacy: legacyApiListSchema.optional(),
  'webhook-url': clientUrlSchema.optional(),
  /** `password-reset.nl=d-…`, repeatable. */
  'sendgrid-template': z
    .array(z.string().regex(/^[a-z-]+\.[a-z]{2}=d-[0-9a-f]{32}$/, 'must be <kind>.<locale>=d-<32 hex>'))
    .transform((pairs) => Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string])))
    .pipe(clientSettingsSchema.shape.mailTemplateIds.unwrap())
    .optional(),
  'allow-admin': z.boolean().default(false),
  'allow-admin-links': z.boolean().default(false),
  'deny-admin': z.boolean().default(false),
  json: z.boolean().default(false),
});

/** The settings' options, with `--directory` checked against the directories this deployment configures. */
const settingOptionsSchemaFor = (config: ServerConfig) =>
  settingOptionsSchema.extend({ directory: directoryOptionSchema(config).optional() });

type SettingOptions = z.infer<ReturnType<typeof settingOptionsSchemaFor>>;

function settingsFrom(options: SettingOptions) {
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options['sender-name'] === undefined ? {} : { senderName: options['sender-name'] }),
    ...(options['reset-url'] === undefined ? {} : { resetUrls: options['reset-url'] }),
    ...(options.ttl === undefined ? {} : { ttlSeconds: options.ttl }),
    ...(options.locale === undefined ? {} : { defaultLocale: options.locale }),
    ...(options['min-password-length'] === undefined ? {} : { minPasswordLength: options['min-password-length'] }),
    ...(options.legacy === undefined ? {} : { legacyApis: options.legacy }),
    ...(options['webhook-url'] === undefined ? {} : { webhookUrl: options['webhook-url'] }),
    ...(options['sendgrid-template'] === undefined ? {} : { mailTemplateIds: options['sendgrid-template'] }),
    ...(options.directory === undefined ? {} : { directory: options.directory }),
    ...adminResetsFrom(options),
  };
}

/** `--allow-admin-links` includes `--allow-admin`; `--deny-admin` withdraws both. */
function adminResetsFrom(options: SettingOptions): { adminResets?: 'none' | 'start' | 'start-and-return' } {
  if (options['deny-admin'] && (options['allow-admin'] || options['allow-admin-links']))
    throw new CliError('--deny-admin: give it alone, not with --allow-admin or --allow-admin-links', 2);
  if (options['deny-admin']) return { adminResets: 'none' };
  if (options['allow-admin-links']) return { adminResets: 'start-and-return' };
  return options['allow-admin'] ? { adminResets: 'start' } : {};
}

/** The client registry over the CLI's Redis, as the server builds it. */
export async function registry(context: CliContext): Promise<ClientRegistry> {
  return redisClientRegistry({
    redis: await context.redis(),
    keys: context.keys,
    keyRing: context.config.keyRing,
    defaults: { hostedResetPageUrl: context.config.hostedResetPageUrl, resetTokenTtlSeconds: context.config.resetTokenTtlSeconds },
  });
}

function describeClient(client: ClientView): string {
  return [
    `${client.clientId}  ${client.name}${client.revokedAt ? `  (revoked ${client.revokedAt})` : ''}`,
    `  directory:       ${client.directory}`,
    `  sender name:     ${client.senderName}`,
    `  reset URLs:      ${client.resetUrls.length > 0 ? client.resetUrls.join(', ') : '(our hosted page)'}`,
    `  link lifetime:   ${client.ttlSeconds === undefined ? 'the deployment default (RESET_TOKEN_TTL)' : formatDurationSeconds(client.ttlSeconds)}`,
    `  default locale:  ${client.defaultLocale}`,
    `  min password:    ${client.minPasswordLength}`,
    `  legacy APIs:     ${client.legacyApis.length > 0 ? client.legacyApis.join(', ') : '(none)'}`,
    `  admin resets:    ${client.allowAdminLinks ? 'allowed, links mailed or returned' : client.allowAdmin ? 'allowed, links mailed' : '(not allowed)'}`,
    `  webhook:         ${client.webhookUrl ?? '(none)'}`,
    `  templates:       ${
      client.mailTemplateIds
        ? Object.entries(client.mailTemplateIds)
            .map(([key, id]) => `${key}=${id}`)
            .join(', ')
        : '(ours)'
    }`,
  ].join('\n');
}

function failureMessage(clientId: string, failure: RegistryFailure): CliError {
  if (failure.reason === 'LEGACY_API_TAKEN' || failure.reason === 'INVALID_SETTINGS') return new CliError(failure.detail ?? failure.reason);
  return new CliError(failure.reason === 'REVOKED' ? `client ${clientId} is revoked` : `no client ${clientId}`);
}

function takeClientId(args: readonly string[]): [string, readonly string[]] {
  const [clientId, ...rest] = args;
  if (!clientId || clientId.startsWith('-')) throw new CliError('a client id is required', 2);
  return [clientId, rest];
}

/** `clients add`: prints the id, secret and API key once; only their keyed hashes are stored. */
export async function addClient(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(
    args,
    settingOptionsSchemaFor(context.config).extend({ name: z.string().trim().min(1, 'is required').max(100) }),
    SETTING_OPTIONS,
  );
  const result = await (
    await registry(context)
  ).add({
    defaultLocale: 'en',
    minPasswordLength: 8,
    legacyApis: [],
    resetUrls: [],
    directory: DEFAULT_DIRECTORY_NAME,
    ...settingsFrom(options),
    name: options.name,
  });
  if (!result.ok) throw failureMessage('(new)', result);
  const credentials = { clientId: result.client.clientId, clientSecret: result.clientSecret, apiKey: result.apiKey };
  const human = `${describeClient(result.client)}\n\n  client secret:   ${result.clientSecret}\n  API key:         ${result.apiKey}\n\nStore the secret and the API key now: they are not shown again.`;
  context.output(options.json, credentials, human);
  return 0;
}

export async function listClients(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const clients = await (await registry(context)).list();
  context.output(options.json, clients, clients.length === 0 ? 'no clients' : clients.map(describeClient).join('\n\n'));
  return 0;
}

export async function showClient(context: CliContext, args: readonly string[]): Promise<number> {
  const [clientId, rest] = takeClientId(args);
  const options = parseOptions(rest, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const client = await (await registry(context)).show(clientId);
  if (!client) throw new CliError(`no client ${clientId}`);
  context.output(options.json, client, describeClient(client));
  return 0;
}

export async function updateClient(context: CliContext, args: readonly string[]): Promise<number> {
  const [clientId, rest] = takeClientId(args);
  const options = parseOptions(rest, settingOptionsSchemaFor(context.config), SETTING_OPTIONS);
  const result = await (await registry(context)).update(clientId, settingsFrom(options));
  if (!result.ok) throw failureMessage(clientId, result);
  context.output(options.json, result.client, describeClient(result.client));
  return 0;
}

export async function revokeClient(context: CliContext, args: readonly string[]): Promise<number> {
  const [clientId, rest] = takeClientId(args);
  const options = parseOptions(rest, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const result = await (await registry(context)).revoke(clientId);
  if (!result.ok) throw failureMessage(clientId, result);
  context.output(options.json, { clientId, revoked: true }, `revoked ${clientId}: its tokens, API key and reset links no longer work`);
  return 0;
}

export async function rotateClientSecret(context: CliContext, args: readonly string[]): Promise<number> {
  const [clientId, rest] = takeClientId(args);
  const options = parseOptions(rest, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const result = await (await registry(context)).rotateSecret(clientId);
  if (!result.ok) throw failureMessage(clientId, result);
  const human = `new client secret for ${clientId}: ${result.clientSecret}\nThe old secret and every access token issued with it no longer work.`;
  context.output(options.json, { clientId, clientSecret: result.clientSecret }, human);
  return 0;
}

export async function rotateClientApiKey(context: CliContext, args: readonly string[]): Promise<number> {
  const [clientId, rest] = takeClientId(args);
  const options = parseOptions(rest, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const result = await (await registry(context)).rotateApiKey(clientId);
  if (!result.ok) throw failureMessage(clientId, result);
  context.output(options.json, { clientId, apiKey: result.apiKey }, `new API key for ${clientId}: ${result.apiKey}`);
  return 0;
}

const SETTING_HELP: readonly OptionHelp[] = describeOptions(SETTING_OPTIONS, {
  name: { value: 'N', text: 'the application’s name, shown on the reset page and in mails' },
  'sender-name': { value: 'S', text: 'display name of the mails’ sender (default: the name)' },
  'reset-url': { value: 'URL', text: 'an exact URL its links may point to; https (http only for localhost), no fragment' },
  ttl: { value: 'D', text: 'link lifetime, 1h to 3d (default: RESET_TOKEN_TTL)' },
  locale: { value: 'L', text: `default mail locale (${SUPPORTED_LOCALES.join(', ')}; default en)` },
  'min-password-length': { value: 'N', text: 'password minimum, 8 to 64 (default 8)' },
  legacy: {
    value: 'A,B',
    text: 'legacy APIs it may use: cameramanager, trafficops, antel, teenquotes (one client at a time serves trafficops)',
  },
  'webhook-url': { value: 'URL', text: 'where password_reset.completed events go' },
  'sendgrid-template': {
    value: 'KIND.LOCALE=d-…',
    text: `a SendGrid dynamic template of its own (kinds ${PROVIDER_TEMPLATE_KINDS.join(', ')})`,
  },
  directory: { value: 'NAME', text: 'the user directory whose accounts it resets (USER_DIRECTORIES_FILE; default: default)' },
  'allow-admin': { text: 'may start resets for its users (admin.startReset, scope password-reset:admin); links are mailed' },
  'allow-admin-links': { text: 'as --allow-admin, and may have the link returned to it instead (deliver: "return")' },
  'deny-admin': { text: 'withdraws --allow-admin and --allow-admin-links' },
  json: JSON_OPTION,
});
const JSON_ONLY_HELP = describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION });

export const CLIENTS_COMMANDS: readonly CliCommand[] = [
  {
    name: 'clients add',
    synopsis: '--name N',
    summary: 'registers a client; prints clientId, clientSecret and apiKey once',
    options: SETTING_HELP,
    run: addClient,
  },
  {
    name: 'clients list',
    synopsis: '',
    summary: 'every client and its settings (never a credential)',
    options: JSON_ONLY_HELP,
    run: listClients,
  },
  { name: 'clients show', synopsis: 'ID', summary: 'one client and its settings', options: JSON_ONLY_HELP, run: showClient },
  {
    name: 'clients update',
    synopsis: 'ID',
    summary: 'changes the settings given, keeps the others',
    options: SETTING_HELP,
    run: updateClient,
  },
  {
    name: 'clients revoke',
    synopsis: 'ID',
    summary: 'kills its tokens, API key and reset links at once',
    options: JSON_ONLY_HELP,
    run: revokeClient,
  },
  {
    name: 'clients rotate-secret',
    synopsis: 'ID',
    summary: 'a new secret; the old one and its tokens die at once',
    options: JSON_ONLY_HELP,
    run: rotateClientSecret,
  },
  {
    name: 'clients rotate-api-key',
    synopsis: 'ID',
    summary: 'a new API key; the old one dies at once',
    options: JSON_ONLY_HELP,
    run: rotateClientApiKey,
  },
];
