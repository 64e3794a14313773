import type { CliContext } from './cli-context.js';

/** The options a command's parser accepts (see parseOptions). */
export interface OptionSpec {
  readonly strings: readonly string[];
  readonly booleans?: readonly string[];
  readonly multiple?: readonly string[];
}

type OptionName<Spec extends OptionSpec> = Spec['strings'][number] | NonNullable<Spec['booleans']>[number];

/** What `--help` says of one option: the placeholder of its value (none for a flag) and what it does. */
export interface OptionDescription {
  readonly value?: string;
  readonly text: string;
}

export interface OptionHelp {
  readonly flag: string;
  readonly text: string;
}

/**
 * The help of a command's options, from the same spec its parser uses: the record must name every
 * option the parser accepts (the compiler checks), so `--help` cannot forget one.
 */
export function describeOptions<Spec extends OptionSpec>(
  spec: Spec,
  descriptions: { readonly [Name in OptionName<Spec>]: OptionDescription },
): OptionHelp[] {
  const names: readonly OptionName<Spec>[] = [...spec.strings, ...(spec.booleans ?? [])];
  return names.map((name) => {
    const { value, text } = descriptions[name];
    const repeatable = spec.multiple?.includes(name) ? ' (repeatable)' : '';
    return { flag: value === undefined ? `--${name}` : `--${name} ${value}`, text: `${text}${repeatable}` };
  });
}

/** The spec of a command whose only option is --json. */
export const JSON_ONLY_SPEC = { strings: [], booleans: ['json'] } as const;

/** The --json flag every command takes. */
export const JSON_OPTION: OptionDescription = { text: 'machine-readable output on stdout' };

export interface CliCommand {
  /** `users add`: the words that select it. */
  readonly name: string;
  /** What follows the name in a usage line: positional arguments and required options. */
  readonly synopsis: string;
  readonly summary: string;
  readonly options: readonly OptionHelp[];
  run(context: CliContext, args: readonly string[]): Promise<number>;
}

/** `pnpm cli <command> --help`. */
export function formatCommandHelp(command: CliCommand): string {
  const width = Math.max(...command.options.map((option) => option.flag.length));
  return [
    `usage: pnpm cli ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''} [options]`,
    '',
    `  ${command.summary}`,
    '',
    'options:',
    ...command.options.map((option) => `  ${option.flag.padEnd(width)}  ${option.text}`),
  ].join('\n');
}

/** `pnpm cli --help`: one line per command. */
export function formatOverview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => `${command.name} ${command.synopsis}`.trimEnd().length));
  return [
    'usage: pnpm cli <command> [options]      (pnpm cli <command> --help for its options)',
    '',
    ...commands.map((command) => `  ${`${command.name} ${command.synopsis}`.trimEnd().padEnd(width)}  ${command.summary}`),
    '',
    'Every command takes --json. Exit codes: 0 done, 1 failed (message on stderr), 2 usage error.',
  ].join('\n');
}
