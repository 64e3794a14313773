import { z } from 'zod';
import { parseDurationSeconds } from '../config/duration.js';

/** A throttle: `points` calls per `durationSeconds`. */
export interface LimitSetting {
  readonly points: number;
  readonly durationSeconds: number;
}

/** Reads `3/1h`, `30/15m`, `1000/1d`: calls per window. */
export const limitSettingSchema = z.string().transform((text, ctx): LimitSetting => {
  const [points, window] = text.split('/');
  const durationSeconds = window === undefined ? undefined : parseDurationSeconds(window);
  if (!points || !/^\d{1,9}$/.test(points) || Number(points) < 1 || !durationSeconds) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a limit such as 3/1h or 30/15m` });
    return z.NEVER;
  }
  return { points: Number(points), durationSeconds };
});
