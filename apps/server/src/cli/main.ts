import { loadConfigOrExit } from '../config/load-config.js';
import { CliError, createCliContext, type CliContext } from './cli-context.js';
import { seedDemo } from './commands/demo-commands.js';
import { showOutbox } from './commands/mail-commands.js';
import { addUser, checkUserPassword } from './commands/users-commands.js';

type Command = (context: CliContext, args: readonly string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  'users add': addUser,
  'users check-password': checkUserPassword,
  'mail outbox': showOutbox,
  'demo seed': seedDemo,
};

const USAGE = `usage: pnpm cli <command> [options]
  users add --email E --password P [--name N] [--locale L] [--json]
  users check-password --email E --password P [--json]     exit 0 on a match, 1 otherwise
  mail outbox [--last N] [--json]                           the development outbox
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
