import { readFileSync } from 'node:fs';
import { runWorkerUntilDelivered } from './run-worker-until.js';
import { SINK_API_KEY, startSendGridSink } from './sendgrid-sink.js';

export interface MailThroughput {
  readonly mails: number;
  /** MAIL_WORKER_CONCURRENCY of the worker measured. */
  readonly concurrency: number;
  /** From the sink's first accepted mail to its last: the worker's start-up is not counted. */
  readonly seconds: number;
  readonly mailsPerSecond: number;
  /**
   * The worker's CPU time (user + system) per mail over the same interval, in milliseconds: on a
   * busy machine the rate says what the machine had left, this says what a mail costs. Null where
   * /proc cannot be read.
   */
  readonly workerCpuMsPerMail: number | null;
}

/** What /proc says of a process (Linux), or null where it cannot be read. */
function procStatOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * A process's CPU time so far, in milliseconds, from /proc (Linux); null elsewhere. Read
 * synchronously, so that it is taken at the mail that asks for it: /proc is memory, not disk.
 * (The peer comparison reads the servers' CPU with it too.)
 */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const stat = procStatOf(pid);
  // The fields after the command's name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (!fields || fields.length < 13) return null;
  // Clock ticks; Linux's USER_HZ is 100.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * How fast one standalone worker (`pnpm worker`) delivers a backlog: `mails` reset jobs are queued
 * beforehand (by `queueJobs`), then the worker starts with SendGrid pointed at a local sink that
 * accepts every mail at once, and is stopped once the sink has them all. Every guarantee of a real
 * delivery holds meanwhile (at-most-once claims, stale mails dropped): only SendGrid is stood in for.
 */
export async function measureMailThroughput({
  workerEnv,
  mails,
  concurrency,
  queueJobs,
  nodeArguments = [],
  timeoutMs = 120_000,
}: {
  /** The worker's whole environment but the mail settings, which are the sink's. */
  readonly workerEnv: Record<string, string>;
  readonly mails: number;
  readonly concurrency: number;
  /** Queues `mails` jobs that each deliver one mail (the reset server's requests, for example). */
  readonly queueJobs: () => Promise<void>;
  /** Arguments of node before the worker's script (`--cpu-prof`, to see where a slow run's time goes). */
  readonly nodeArguments?: readonly string[];
  readonly timeoutMs?: number;
}): Promise<MailThroughput> {
  let workerPid: number | undefined;
  let cpuAtFirst: number | null = null;
  let cpuAtLast: number | null = null;
  // The CPU reading opens at the first mail (the worker's start-up is not a mail's cost) and closes
  // at the last, each taken as the sink accepts that mail: a poll could see them all at once.
  const sink = await startSendGridSink({
    onAccepted: (acceptedSoFar) => {
      if (acceptedSoFar === 1) cpuAtFirst = cpuMsOf(workerPid);
      if (acceptedSoFar === mails) cpuAtLast = cpuMsOf(workerPid);
    },
  });
  try {
    await queueJobs();
    const { MAIL_OUTBOX_DIR: _outbox, ...env } = workerEnv;
    await runWorkerUntilDelivered({
      env: { ...env, SENDGRID_API_KEY: SINK_API_KEY, SENDGRID_API_URL: sink.url, MAIL_WORKER_CONCURRENCY: String(concurrency) },
      mails,
      delivered: () => sink.accepted,
      nodeArguments,
      timeoutMs,
      onSpawned: (pid) => {
        workerPid = pid;
      },
    });
    const seconds = ((sink.lastAt ?? 0) - (sink.firstAt ?? 0)) / 1000;
    // The first mail opens the interval: the others were delivered within it.
    const cpuMails = mails - 1;
    const workerCpuMsPerMail =
      cpuAtFirst === null || cpuAtLast === null || cpuMails <= 0 ? null : Math.round(((cpuAtLast - cpuAtFirst) / cpuMails) * 1000) / 1000;
    return { mails, concurrency, seconds, mailsPerSecond: seconds > 0 ? (mails - 1) / seconds : 0, workerCpuMsPerMail };
  } finally {
    await sink.close();
  }
}
