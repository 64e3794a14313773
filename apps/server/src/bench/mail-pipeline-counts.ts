import { readdir } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { redisKeys } from '../redis/redis-keys.js';
import { commandDelta, readCommandStats } from './command-stats.js';
import { runWorkerUntilDelivered } from './run-worker-until.js';

export interface MailPipelineCommands {
  readonly mails: number;
  /** Every command Redis executed per delivered mail while the worker ran (INFO commandstats). */
  readonly total: number;
  /** Ours: commands on the service's own keys (secrets, users, clients, delivery records, audit). */
  readonly ours: number;
  /** BullMQ's bookkeeping: commands on the queue's keys, its scripts' inner commands included. */
  readonly bullmq: number;
  /** Commands naming no key (connection set-up, INFO, PING, SCRIPT LOAD …), the worker's start and stop included. */
  readonly keyless: number;
}

const KEYLESS_COMMANDS = new Set([
  'client',
  'hello',
  'info',
  'ping',
  'select',
  'script',
  'config',
  'quit',
  'echo',
  'command',
  'time',
  'memory',
]);

/** The key a command is about, as MONITOR shows it: a script's first key, or the first argument. */
function keyOf(args: readonly string[]): string | undefined {
  const command = (args[0] ?? '').toLowerCase();
  if (KEYLESS_COMMANDS.has(command)) return undefined;
  if (command === 'evalsha' || command === 'eval' || command === 'fcall') return Number(args[2]) > 0 ? args[3] : undefined;
  return args[1];
}

/** Whose a command is, by the key it names: BullMQ's keys all start with the queue prefix, ours never do. */
export function commandOwner(args: readonly string[], queuePrefix: string): 'ours' | 'bullmq' | 'keyless' {
  const key = keyOf(args);
  if (key === undefined) return 'keyless';
  return key.startsWith(queuePrefix) ? 'bullmq' : 'ours';
}

async function countMails(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => []);
  return names.filter((name) => name.endsWith('.json')).length;
}

/**
 * The mail pipeline's Redis work per delivered mail. The jobs are queued beforehand (the reset server
 * runs with MAIL_WORKER=false); then the standalone worker (`pnpm worker`) starts, delivers every mail
 * to its outbox, and stops. Meanwhile INFO commandstats gives the total, and MONITOR tells BullMQ's
 * commands from ours by the key each one names: BullMQ's keys all start with the queue prefix
 * (redisKeys().queuePrefix), ours never do, and a command inside a script is shown with its own key.
 */
export async function countMailPipelineCommands({
  redisUrl,
  workerEnv,
  outboxDir,
  mails,
  workerScript,
}: {
  readonly redisUrl: string;
  /** The worker's whole environment (as the server's, with this outbox). */
  readonly workerEnv: Record<string, string>;
  readonly outboxDir: string;
  /** How many reset mails the queued jobs deliver. */
  readonly mails: number;
  /** The worker's entry point (see runWorkerUntilDelivered). */
  readonly workerScript?: string;
}): Promise<MailPipelineCommands> {
  const queuePrefix = redisKeys('pwreset').queuePrefix();
  const observer = new Redis(redisUrl);
  const monitor = await observer.monitor();
  const seen = { ours: 0, bullmq: 0, keyless: 0 };
  monitor.on('monitor', (_time: string, args: string[]) => {
    seen[commandOwner(args.map(String), queuePrefix)] += 1;
  });
  try {
    const before = await readCommandStats(observer);
    const baseline = { ...seen };
    await runWorkerUntilDelivered({
      env: workerEnv,
      mails,
      delivered: () => countMails(outboxDir),
      ...(workerScript ? { workerScript } : {}),
    });
    const after = await readCommandStats(observer);
    // MONITOR reports asynchronously: our own ECHO, once seen, marks the end of what came before.
    const marker = `bench-marker-${Date.now()}`;
    const markerSeen = new Promise<void>((resolve) =>
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args[1] === marker) resolve();
      }),
    );
    await observer.echo(marker);
    await markerSeen;
    const total = [...commandDelta(before, after).values()].reduce((sum, calls) => sum + calls, 0);
    const per = (count: number) => Math.round((count / mails) * 100) / 100;
    return {
      mails,
      total: per(total),
      ours: per(seen.ours - baseline.ours),
      bullmq: per(seen.bullmq - baseline.bullmq),
      // Less the marker's ECHO.
      keyless: per(seen.keyless - baseline.keyless - 1),
    };
  } finally {
    monitor.disconnect();
    observer.disconnect();
  }
}
