import { z } from 'zod';

const baselineServerEnvironmentSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535),
  REDIS_URL: z.string().min(1),
});

export type BaselineServerConfig = { readonly port: number; readonly redisUrl: string };

/** The bench's yardstick process is configured by its parent (bench/main.ts) through PORT and REDIS_URL. */
export function loadBaselineServerConfig(env: NodeJS.ProcessEnv = process.env): BaselineServerConfig | null {
  const parsed = baselineServerEnvironmentSchema.safeParse(env);
  return parsed.success ? { port: parsed.data.PORT, redisUrl: parsed.data.REDIS_URL } : null;
}
