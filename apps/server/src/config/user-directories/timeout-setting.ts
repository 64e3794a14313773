import { z } from 'zod';
import { parseDurationSeconds } from '../duration.js';

/** `250ms`, or any duration of config/duration.ts (`3`, `3s`, `1m`), in milliseconds. */
export function parseTimeoutMilliseconds(text: string): number | undefined {
  const milliseconds = /^(\d{1,9})\s*ms$/.exec(text.trim());
  if (milliseconds) return Number(milliseconds[1]);
  const seconds = parseDurationSeconds(text);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** A timeout between 1 ms and one minute: a directory slower than that is down, as far as a reset goes. */
export function timeoutSettingSchema(input: z.ZodType<string>) {
  return input
    .transform((text, ctx) => {
      const milliseconds = parseTimeoutMilliseconds(text);
      if (milliseconds === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration such as 500ms, 3s or 1m` });
        return z.NEVER;
      }
      return milliseconds;
    })
    .pipe(z.number().min(1, 'must be at least 1ms').max(60_000, 'must be at most 1m'));
}
