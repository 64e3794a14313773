import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LEGACY_APIS, type LegacyApi } from '@pwreset/contract';
import { z } from 'zod';
import type { ClientRegistry } from '../../clients/client-registry.js';
import { redisClientRegistry } from '../../clients/redis-client-registry.js';
import { DEFAULT_DIRECTORY_NAME } from '../../config/user-directories/directory-name.js';
import { describeOptions, JSON_ONLY_SPEC, JSON_OPTION, type CliCommand } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';

export const DEMO_USER = { email: 'demo@example.com', password: 'demo-password-1', name: 'Demo User', locale: 'en' } as const;
const DEMO_CLIENT_NAME = 'Demo App';
/** The demo client's credentials, kept (owner-only) so later runs can print them again. */
const DEMO_CREDENTIALS_FILE = 'var/demo-client.json';

const demoCredentialsSchema = z.object({ clientId: z.string(), clientSecret: z.string(), apiKey: z.string() });
type DemoCredentials = z.infer<typeof demoCredentialsSchema>;

const seedOptions = z.object({ json: z.boolean().default(false) });

/**
 * Registers the demo client for every legacy API, so each can be tried at once. Traffic Ops is
 * served by one client only: when another holds it, the demo goes without and says so.
 */
async function registerDemoForLegacyApis(
  clients: ClientRegistry,
  clientId: string,
): Promise<{ legacyApis: readonly LegacyApi[]; note: string | null }> {
  const current = await clients.show(clientId);
  if (current && LEGACY_APIS.every((api) => current.legacyApis.includes(api))) return { legacyApis: LEGACY_APIS, note: null };
  const all = await clients.update(clientId, { legacyApis: [...LEGACY_APIS] });
  if (all.ok) return { legacyApis: LEGACY_APIS, note: null };
  const withoutTrafficOps = LEGACY_APIS.filter((api) => api !== 'trafficops');
  const others = await clients.update(clientId, { legacyApis: withoutTrafficOps });
  if (!others.ok) throw new CliError(`cannot register the demo client for the legacy APIs: ${others.detail ?? others.reason}`);
  return { legacyApis: withoutTrafficOps, note: `Traffic Ops is not registered for the demo client: ${all.detail ?? all.reason}` };
}

async function readDemoCredentials(): Promise<DemoCredentials | null> {
  try {
    return demoCredentialsSchema.parse(JSON.parse(await readFile(DEMO_CREDENTIALS_FILE, 'utf8')));
  } catch {
    return null;
  }
}

/** `demo seed`: the demo client and user, created once (idempotent); prints how to try a reset. */
export async function seedDemo(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, seedOptions, JSON_ONLY_SPEC);
  const redis = await context.redis();
  const { config } = context;
  const clients = redisClientRegistry({
    redis,
    keys: context.keys,
    keyRing: config.keyRing,
    defaults: { hostedResetPageUrl: config.hostedResetPageUrl, resetTokenTtlSeconds: config.resetTokenTtlSeconds },
  });
  const users = (await context.directories()).embedded(DEFAULT_DIRECTORY_NAME);
  if (!users) throw new CliError(`demo seed needs the "${DEFAULT_DIRECTORY_NAME}" directory to be embedded (kind redis)`);

  // A credentials file from an earlier Redis (another one, or one that kept nothing on disk) is stale: make a new client.
  let credentials = await readDemoCredentials();
  const clientIsCurrent =
    credentials !== null && (await clients.authenticateSecret(credentials.clientId, credentials.clientSecret)) !== null;
  if (!credentials || !clientIsCurrent) {
    const added = await clients.add({ name: DEMO_CLIENT_NAME, resetUrls: [], defaultLocale: 'en', minPasswordLength: 8, legacyApis: [] });
    if (!added.ok) throw new Error(`cannot create the demo client: ${added.reason}`);
    credentials = { clientId: added.client.clientId, clientSecret: added.clientSecret, apiKey: added.apiKey };
    await mkdir(dirname(DEMO_CREDENTIALS_FILE), { recursive: true, mode: 0o700 });
    await writeFile(DEMO_CREDENTIALS_FILE, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  }
  const legacy = await registerDemoForLegacyApis(clients, credentials.clientId);
  const existingUser = await users.findByEmail(DEMO_USER.email);
  if (!existingUser) await users.createUser(DEMO_USER);
  // After a tried reset the demo password is gone: say so rather than print one that no longer works.
  const passwordIsDemo = !existingUser || (await users.verifyPassword(existingUser.id, DEMO_USER.password));

  const base = config.publicBaseUrl;
  const human = [
    '',
    'Demo ready.',
    `  Demo client:  ${credentials.clientId}  (secret in ${DEMO_CREDENTIALS_FILE})`,
    passwordIsDemo
      ? `  Demo user:    ${DEMO_USER.email}  (password: ${DEMO_USER.password})`
      : `  Demo user:    ${DEMO_USER.email}  (its password was changed since it was seeded, by a reset)`,
    `  Legacy APIs:  ${legacy.legacyApis.join(', ')}`,
    ...(legacy.note ? [`  ${legacy.note}`] : []),
    '',
    '  1. The application gets an access token (OAuth2 client credentials):',
    `     TOKEN=$(curl -s -u '${credentials.clientId}:${credentials.clientSecret}' -d grant_type=client_credentials \\`,
    `       ${base}/oauth/token | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
    '  2. It asks for a reset:',
    `     curl -s -X POST ${base}/trpc/passwordReset.request -H "authorization: Bearer $TOKEN" \\`,
    `       -H 'content-type: application/json' -d '{"email":"${DEMO_USER.email}"}'`,
    '',
    config.sendgrid
      ? '  Mails go through SendGrid.'
      : `  3. The mail appears in ${config.mailOutboxDir}/ (pnpm cli mail outbox --last 1); the server also prints the link.`,
    `  4. Open the link, or complete with: curl -s -X POST ${base}/trpc/passwordReset.complete \\`,
    `       -H 'content-type: application/json' -d '{"token":"<after #token=>","password":"<new password>"}'`,
    `  5. pnpm cli users check-password --email ${DEMO_USER.email} --password '<new password>'   (exit 0)`,
    '',
  ].join('\n');
  const summary = {
    clientId: credentials.clientId,
    email: DEMO_USER.email,
    created: !existingUser,
    passwordIsDemo,
    legacyApis: legacy.legacyApis,
  };
  context.output(options.json, summary, human);
  return 0;
}

export const DEMO_SEED_COMMAND: CliCommand = {
  name: 'demo seed',
  synopsis: '',
  summary: `the demo client and user, once (credentials kept in ${DEMO_CREDENTIALS_FILE}); prints how to try a reset`,
  options: describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION }),
  run: seedDemo,
};
