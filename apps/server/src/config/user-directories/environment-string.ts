import { z } from 'zod';

const ENVIRONMENT_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A string setting of the directories file: either the string itself or `{"env": "VAR"}`, read from
 * `environment`, so connection strings and secrets stay out of the file. An empty variable counts as
 * not set, as in loadConfig.
 */
export function environmentStringSchema(environment: Readonly<Record<string, string | undefined>>): z.ZodType<string, unknown> {
  return z
    .union([z.string(), z.strictObject({ env: z.string().regex(ENVIRONMENT_VARIABLE_NAME) })], {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string or {"env": "VARIABLE_NAME"}'),
    })
    .transform((setting, ctx) => {
      if (typeof setting === 'string') return setting;
      const value = environment[setting.env];
      if (value === undefined || value === '') {
        ctx.addIssue({ code: 'custom', message: `environment variable ${setting.env} is not set` });
        return z.NEVER;
      }
      return value;
    });
}
