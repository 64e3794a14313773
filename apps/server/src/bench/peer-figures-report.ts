import { z } from 'zod';
import { comparisonSchema } from './comparison-schema.js';

const cpuMsSchema = z.number().nullable();

/**
 * `pnpm bench --peer better-auth`: our whole path per reset against the peer's, in the same run. CPU
 * figures are null where /proc cannot be read.
 */
export const peerFiguresSchema = z.object({
  name: z.literal('better-auth'),
  version: z.string(),
  /** Accounts seeded in the peer's SQLite user table; its load cycles through them (every one a known address). */
  users: z.number().int().positive(),
  /** Reset mails the peer handed to its no-op callback over the run: at least one per answered request, or the bench fails. */
  mails: z.number().int().nonnegative(),
  /** Request rate, ours (in-process worker off) ÷ the peer's, at the same connections, rounds interleaved. */
  comparison: comparisonSchema,
  /** Our worker's CPU per delivered mail, from the mail pipeline's rate (mailThroughput.workerCpuMsPerMail). */
  workerCpuMsPerMail: cpuMsSchema,
  rounds: z
    .array(
      z.object({
        /** Our server's CPU per request answered. */
        ourServerCpuMsPerRequest: cpuMsSchema,
        /** Server per request + worker per mail: what a reset for a known address costs us in all. */
        ourWholeCpuMsPerReset: cpuMsSchema,
        /** The peer's process CPU per request-password-reset (its mail is a no-op in that process). */
        peerCpuMsPerReset: cpuMsSchema,
        /** Ours ÷ the peer's: below 1, a reset costs us less CPU than it costs the peer. */
        costRatio: cpuMsSchema,
      }),
    )
    .min(1),
  medianOurServerCpuMsPerRequest: cpuMsSchema,
  medianOurWholeCpuMsPerReset: cpuMsSchema,
  medianPeerCpuMsPerReset: cpuMsSchema,
  medianCostRatio: cpuMsSchema,
});

export type PeerFigures = z.infer<typeof peerFiguresSchema>;

const fixed = (value: number | null, digits: number) => (value === null ? '-' : value.toFixed(digits));

/** The peer's lines of the plain-text report. */
export function formatPeerFigures(peer: PeerFigures, connections: number): string[] {
  const { comparison } = peer;
  return [
    `peer: better-auth ${peer.version} (its Redis secondary storage, SQLite users, mail a no-op); ${peer.users} seeded users, ` +
      `${peer.mails} reset mails handed to its callback`,
    `  request rate at ${connections} connections: ours ${fixed(comparison.medianTargetPerSecond, 1)}/s ` +
      `(p99 ${fixed(comparison.medianTargetP99Ms, 0)} ms, worker off), better-auth ${fixed(comparison.medianBaselinePerSecond, 1)}/s ` +
      `(p99 ${fixed(comparison.medianBaselineP99Ms, 0)} ms): median ratio ${comparison.medianRatio.toFixed(2)}`,
    `  CPU per reset for a known address: ours ${fixed(peer.medianOurServerCpuMsPerRequest, 3)} ms server + ` +
      `${fixed(peer.workerCpuMsPerMail, 3)} ms worker per mail = ${fixed(peer.medianOurWholeCpuMsPerReset, 3)} ms; ` +
      `better-auth ${fixed(peer.medianPeerCpuMsPerReset, 3)} ms: median ratio ${fixed(peer.medianCostRatio, 2)} (ours ÷ theirs; below 1, ours costs less)`,
  ];
}
