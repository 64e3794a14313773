import { DependencyUnavailableError } from '@pwreset/contract';
import { loadConfigOrExit } from '../config/load-config.js';
import { formatCommandHelp, formatOverview, type CliCommand } from './cli-command.js';
import { CLI_COMMANDS } from './cli-commands.js';
import { CliError, createCliContext } from './cli-context.js';

const HELP_FLAGS = ['--help', '-h'];

type Invocation =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly text: string }
  | { readonly kind: 'run'; readonly command: CliCommand; readonly args: readonly string[] };

/** What the words on the command line ask for; help needs no configuration and no Redis. */
function interpret(argv: readonly string[]): Invocation {
  const overview = formatOverview(CLI_COMMANDS);
  const [first, ...rest] = argv;
  if (first === undefined) return { kind: 'usage-error', text: overview };
  if (HELP_FLAGS.includes(first)) return { kind: 'help', text: overview };
  // `pnpm cli help clients add` reads as `pnpm cli clients add --help`.
  const words = first === 'help' ? rest : argv;
  const asksHelp = first === 'help' || words.some((word) => HELP_FLAGS.includes(word));
  // Two words (`clients add`) or one (`backup`).
  const command =
    CLI_COMMANDS.find((candidate) => candidate.name === words.slice(0, 2).join(' ')) ??
    CLI_COMMANDS.find((candidate) => candidate.name === words[0]);
  if (command) {
    const args = words.slice(command.name.split(' ').length);
    return asksHelp ? { kind: 'help', text: formatCommandHelp(command) } : { kind: 'run', command, args };
  }
  // A group alone (`pnpm cli clients --help`): its commands.
  const group = CLI_COMMANDS.filter((candidate) => candidate.name.split(' ')[0] === words[0]);
  if (asksHelp && group.length > 0) return { kind: 'help', text: formatOverview(group) };
  if (asksHelp && words.length === 0) return { kind: 'help', text: overview };
  return { kind: 'usage-error', text: `unknown command: ${words.slice(0, 2).join(' ') || first}\n\n${overview}` };
}

async function main(argv: readonly string[]): Promise<number> {
  const invocation = interpret(argv);
  if (invocation.kind === 'help') {
    process.stdout.write(`${invocation.text}\n`);
    return 0;
  }
  if (invocation.kind === 'usage-error') {
    process.stderr.write(`${invocation.text}\n`);
    return 2;
  }
  const context = createCliContext(loadConfigOrExit());
  try {
    return await invocation.command.run(context, invocation.args);
  } catch (error) {
    // A directory that cannot answer says which and why (its reason and driver code, never a value), without a stack.
    if (error instanceof DependencyUnavailableError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  } finally {
    await context.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
