import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startPrivateRedis } from '@pwreset/testing';
import type { BenchCall } from './bench-calls.js';
import type { BenchOptions, BenchPeer } from './bench-options.js';
import { startChildServer } from './child-server.js';
import type { CleanupStack } from './cleanup-stack.js';
import { compareInterleaved, httpSide, median, type Comparison, type RoundSide } from './interleaved-rounds.js';
import { cpuMsOf } from './mail-throughput.js';
import type { PeerFigures } from './peer-figures-report.js';

/** Accounts seeded in the peer's SQLite user table; the load cycles through them. */
const PEER_USERS = 1_000;

export interface OurResetPath {
  /** The reset server (in-process worker off), its process id and its reset request for the n-th call. */
  readonly url: string;
  readonly pid: number | undefined;
  readonly requestCall: (n: number) => BenchCall;
  /** Our worker's CPU per delivered mail (mail-throughput.ts), added to the server's per request. */
  readonly workerCpuMsPerMail: number | null;
}

/** A side whose process CPU is read around each measured round, per request answered. */
interface CpuSide {
  readonly side: RoundSide;
  /** One figure per measured round; null where /proc cannot be read. */
  readonly cpuMsPerRequest: Array<number | null>;
  /** Requests answered over every run, warm-up included. */
  answered(): number;
  warmUp(seconds: number): Promise<void>;
}

function withProcessCpu(inner: RoundSide, pid: number | undefined): CpuSide {
  const cpuMsPerRequest: Array<number | null> = [];
  let answered = 0;
  const runCounted = async (seconds: number) => {
    const figures = await inner.run(seconds);
    // httpSide's rate is its total over the seconds run: this is that total back.
    const requests = Math.round(figures.perSecond * seconds);
    answered += requests;
    return { figures, requests };
  };
  return {
    cpuMsPerRequest,
    answered: () => answered,
    warmUp: async (seconds) => void (await runCounted(seconds)),
    side: {
      name: inner.name,
      async run(seconds) {
        const before = cpuMsOf(pid);
        const { figures, requests } = await runCounted(seconds);
        const after = cpuMsOf(pid);
        cpuMsPerRequest.push(before === null || after === null || requests === 0 ? null : (after - before) / requests);
        return figures;
      },
    },
  };
}

const round3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
const medianOrNull = (values: ReadonlyArray<number | null>) =>
  values.some((value) => value === null) ? null : round3(median(values as number[]));

/** The workspace package of the peer, loaded only when asked for: it is no dependency of the service. */
async function loadPeerPackage() {
  try {
    return await import('@pwreset/bench-peer-better-auth');
  } catch (error) {
    throw new Error(
      `--peer better-auth needs the workspace package @pwreset/bench-peer-better-auth installed and built ` +
        `(pnpm install && pnpm build): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * `--peer better-auth`: the peer started as a child process beside ours, with a redis-server of its
 * own (as ours has) and a SQLite file of seeded users; then our reset request against its
 * request-password-reset for known addresses, at the same connections, rounds interleaved, each
 * server's CPU read from /proc around every round. Our whole cost per reset adds the worker's CPU
 * per mail to the server's per request; the peer's mail is a no-op in its own process, so its
 * process CPU per request is its whole cost.
 */
export async function measurePeerFigures({
  peer,
  settings,
  cleanups,
  ours,
}: {
  readonly peer: BenchPeer;
  readonly settings: Pick<BenchOptions, 'connections' | 'durationSeconds' | 'warmupSeconds' | 'rounds'>;
  readonly cleanups: CleanupStack;
  readonly ours: OurResetPath;
}): Promise<Omit<PeerFigures, 'comparison'> & { comparison: Comparison }> {
  const { PEER_SERVER_SCRIPT, PEER_STATS_PATH, REQUEST_PASSWORD_RESET_PATH, peerStatsSchema, peerUserEmail } = await loadPeerPackage();
  const redis = await startPrivateRedis();
  cleanups.defer(() => redis.stop());
  const directory = await mkdtemp(join(tmpdir(), 'pwreset-bench-peer-'));
  cleanups.defer(() => rm(directory, { recursive: true, force: true }));
  const port = await findFreePort();
  // It answers startChildServer's /healthz (its HEALTH_PATH) once migrated and seeded.
  const server = await startChildServer({
    name: `${peer} peer`,
    script: PEER_SERVER_SCRIPT,
    port,
    // Its production form: NODE_ENV is what better-auth's own defaults key on.
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      REDIS_URL: redis.url,
      SQLITE_FILE: join(directory, 'peer.sqlite'),
      PEER_USERS: String(PEER_USERS),
    },
  });
  cleanups.defer(() => server.stop());

  const { connections, durationSeconds, rounds, warmupSeconds } = settings;
  const ourSide = withProcessCpu(httpSide('passwordReset.request', ours.url, connections, ours.requestCall), ours.pid);
  const peerSide = withProcessCpu(
    httpSide(`${peer} request-password-reset`, server.url, connections, (n) => ({
      path: REQUEST_PASSWORD_RESET_PATH,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: peerUserEmail(n % PEER_USERS) }),
    })),
    server.pid,
  );
  if (warmupSeconds > 0) {
    await ourSide.warmUp(warmupSeconds);
    await peerSide.warmUp(warmupSeconds);
  }
  const comparison = await compareInterleaved(ourSide.side, peerSide.side, rounds, durationSeconds);

  // A 200 is not proof of work: every answered request for a known address must have handed its mail over.
  const statsResponse = await fetch(`${server.url}${PEER_STATS_PATH}`);
  const stats = peerStatsSchema.parse(await statsResponse.json());
  if (stats.mails < peerSide.answered()) {
    throw new Error(`${peer} answered ${peerSide.answered()} reset requests but handed over only ${stats.mails} mails`);
  }

  const roundFigures = ourSide.cpuMsPerRequest.map((ourServer, round) => {
    const peerCpu = peerSide.cpuMsPerRequest[round] ?? null;
    const ourWhole = ourServer === null || ours.workerCpuMsPerMail === null ? null : ourServer + ours.workerCpuMsPerMail;
    return {
      ourServerCpuMsPerRequest: round3(ourServer),
      ourWholeCpuMsPerReset: round3(ourWhole),
      peerCpuMsPerReset: round3(peerCpu),
      costRatio: ourWhole === null || peerCpu === null || peerCpu === 0 ? null : round3(ourWhole / peerCpu),
    };
  });
  return {
    name: peer,
    version: stats.version,
    users: PEER_USERS,
    mails: stats.mails,
    comparison,
    workerCpuMsPerMail: ours.workerCpuMsPerMail,
    rounds: roundFigures,
    medianOurServerCpuMsPerRequest: medianOrNull(roundFigures.map((figures) => figures.ourServerCpuMsPerRequest)),
    medianOurWholeCpuMsPerReset: medianOrNull(roundFigures.map((figures) => figures.ourWholeCpuMsPerReset)),
    medianPeerCpuMsPerReset: medianOrNull(roundFigures.map((figures) => figures.peerCpuMsPerReset)),
    medianCostRatio: medianOrNull(roundFigures.map((figures) => figures.costRatio)),
  };
}
