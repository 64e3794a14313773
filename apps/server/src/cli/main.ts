import { loadConfigOrExit } from '../config/load-config.js';
import { CliError, createCliContext, type CliContext } from './cli-context.js';
import {
  addClient,
  listClients,
  revokeClient,
  rotateClientApiKey,
  rotateClientSecret,
  showClient,
  updateClient,
} from './commands/clients-commands.js';
import { tailAudit } from './commands/audit-commands.js';
import { seedDemo } from './commands/demo-commands.js';
import { showOutbox } from './commands/mail-commands.js';
import { listParkedMail, retryParkedMail } from './commands/mail-queue-commands.js';
import { addUser, checkUserPassword } from './commands/users-commands.js';

type Command = (context: CliContext, args: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'users add': addUser,
  'users check-password': checkUserPassword,
  'clients add': addClient,
  'clients list': listClients,
  'clients show': showClient,
  'clients update': updateClient,
  'clients revoke': revokeClient,
  'clients rotate-secret': rotateClientSecret,
  'clients rotate-api-key': rotateClientApiKey,
  'mail outbox': showOutbox,
  'mail failed': listParkedMail,
  'mail retry': retryParkedMail,
  'audit tail': tailAudit,
  'demo seed': seedDemo,
};

const USAGE = `usage: pnpm cli <command> [options]
  users add --email E --password P [--name N] [--locale L] [--json]
  users check-password --email E --password P [--json]     exit 0 on a match, 1 otherwise
  clients add --name N [--reset-url URL]... [--ttl 24h] [--locale en] [--min-password-length 8]
              [--legacy cameramanager,trafficops,antel,teenquotes] [--webhook-url URL] [--sender-name S] [--json]
                                                            prints clientId, clientSecret and apiKey once
  clients list [--json]
  clients show ID [--json]
  clients update ID [the options of add] [--json]
  clients revoke ID                                         kills its tokens, API key and reset links at once
  clients rotate-secret ID                                  new secret; old tokens die at once
  clients rotate-api-key ID
  mail outbox [--last N] [--json]                           the development outbox
  mail failed [--json]                                      parked mails and webhooks (no secrets shown)
  mail retry ID [--json]                                    send a parked one again
  audit tail [--client ID] [--email E] [--count 50] [--json]  the audit trail, oldest first
  demo seed [--json]                                        demo account, once; how to try a reset`;

async function main(argv: readonly string[]): Promise<number> {
  const [group, action, ...args] = argv;
  const command = COMMANDS[`${group ?? ''} ${action ?? ''}`];
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return group === undefined || group === 'help' || group === '--help' ? 0 : 2;
  }
  const context = createCliContext(loadConfigOrExit());
  try {
    return await command(context, args);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  } finally {
    await context.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
