import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** What PEER_STATS_PATH answers. */
export const peerStatsSchema = z.object({
  /** better-auth's version, from its own package.json. */
  version: z.string(),
  /** Reset mails handed to the no-op sendResetPassword so far. */
  mails: z.number().int().nonnegative(),
});

export type PeerStats = z.infer<typeof peerStatsSchema>;

/** The installed better-auth's version: it exports none, and its exports map hides its package.json. */
export async function betterAuthVersion(): Promise<string> {
  // The entry point is dist/index.mjs; package.json sits one folder up.
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.resolve('better-auth')), 'utf8')) as unknown;
  return z.object({ version: z.string() }).parse(manifest).version;
}
