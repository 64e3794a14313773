import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { OptionSpec } from './cli-command.js';
import { CliError } from './cli-context.js';

/**
 * Parses `--name value` options and validates them with a zod schema; every problem is reported
 * at once, exit code 2 (a usage error).
 */
export function parseOptions<Schema extends z.ZodType>(args: readonly string[], schema: Schema, options: OptionSpec): z.infer<Schema> {
  return parseOptionsAndArguments(args, schema, options, 0).options;
}

/** As parseOptions, with exactly `count` positional arguments (a file name) among the options. */
export function parseOptionsAndArguments<Schema extends z.ZodType>(
  args: readonly string[],
  schema: Schema,
  options: OptionSpec,
  count: number,
): { options: z.infer<Schema>; positionals: string[] } {
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: count > 0,
      options: Object.fromEntries([
        ...options.strings.map((name) => [name, { type: 'string', multiple: options.multiple?.includes(name) ?? false }] as const),
        ...(options.booleans ?? []).map((name) => [name, { type: 'boolean' }] as const),
      ]),
    }));
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
  const parsed = schema.safeParse(values);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`)),
    ...(positionals.length === count ? [] : [`expected ${count} argument${count === 1 ? '' : 's'}, got ${positionals.length}`]),
  ];
  if (!parsed.success || problems.length > 0) throw new CliError(problems.join('\n'), 2);
  return { options: parsed.data, positionals };
}
