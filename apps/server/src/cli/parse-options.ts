import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { OptionSpec } from './cli-command.js';
import { CliError } from './cli-context.js';

/**
 * Parses `--name value` options and validates them with a zod schema; every problem is reported
 * at once, exit code 2 (a usage error).
 */
export function parseOptions<Schema extends z.ZodType>(args: readonly string[], schema: Schema, options: OptionSpec): z.infer<Schema> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: [...args],
      allowPositionals: false,
      options: Object.fromEntries([
        ...options.strings.map((name) => [name, { type: 'string', multiple: options.multiple?.includes(name) ?? false }] as const),
        ...(options.booleans ?? []).map((name) => [name, { type: 'boolean' }] as const),
      ]),
    }).values;
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new CliError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n'), 2);
  }
  return parsed.data;
}
