import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { RetryPolicy } from '../delivery/retry-delay.js';
import type { Logger } from '../logger.js';
import { queuedJobSchema } from '../jobs/queued-job.js';
import { resetJobOptions } from '../jobs/reset-job-options.js';
import type { RedisConnection } from '../redis/redis-connection-factory.js';
import { streamEntryFields } from '../redis/stream-entry-fields.js';

/** The consumer group every mover reads the intake stream in: each entry goes to one mover. */
export const INTAKE_MOVERS_GROUP = 'movers';
/** Entries read (or claimed) per call: one addBulk and one acknowledgement for up to so many requests. */
const BATCH = 500;
/** How long a read blocks waiting for a request; also how long close() may wait for the loop. */
const BLOCK_MS = 1000;
/**
 * An entry read by a mover that has not acknowledged it within this long is taken over (its mover died, or
 * lost its Redis): a move takes milliseconds, and moving an entry twice adds its job once.
 */
export const INTAKE_CLAIM_IDLE_MS = 10_000;
/** How often a mover looks for such entries. */
const CLAIM_EVERY_MS = 5000;
/** After a failed read or move (Redis away), before trying again. */
const RETRY_AFTER_MS = 1000;

/** One intake entry as the intake script writes it (see INTAKE_RESET_REQUEST_SCRIPT). */
const intakeEntrySchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  data: z.string().transform((text, ctx) => {
    try {
      return queuedJobSchema.parse(JSON.parse(text));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'the payload is not a queued job' });
      return z.NEVER;
    }
  }),
  tm: z.string().max(4096).optional(),
});

type StreamEntry = [id: string, fields: string[]];

export interface IntakeMoverOptions {
  /** A connection of the mover's own: its reads block (XREADGROUP BLOCK), and close() may cut it. */
  readonly reader: RedisConnection;
  /** The intake stream's key (redisKeys().resetRequestIntake()). */
  readonly key: string;
  /** BullMQ's queue the requests go to. */
  readonly queue: Queue;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  /** Called after each batch is in BullMQ, with its size (for tests and metrics). */
  readonly onMoved?: (count: number) => void;
  /** Default INTAKE_CLAIM_IDLE_MS; tests shorten it. */
  readonly claimIdleMs?: number;
  /** Default CLAIM_EVERY_MS; tests shorten it. */
  readonly claimEveryMs?: number;
}

export interface IntakeMover {
  /** Stops reading; resolves once the loop has ended, or after 2 × BLOCK_MS (Redis away): then disconnect the reader. */
  close(): Promise<void>;
}

/**
 * Moves accepted reset requests from the intake stream into BullMQ: reads them in a consumer group,
 * adds them in one addBulk (each job's id is the one the request chose, so moving an entry twice adds
 * it once, and a job delivered and since removed is still known delivered by its at-most-once record, which
 * its worker reads first: the entries taken over are marked mayHaveRun),
 * then acknowledges and deletes them. Entries a dead mover read and never acknowledged are claimed
 * after INTAKE_CLAIM_IDLE_MS. Every process that runs a mail worker runs one.
 */
export function startIntakeMover({
  reader,
  key,
  queue,
  retry,
  logger,
  onMoved = () => undefined,
  claimIdleMs = INTAKE_CLAIM_IDLE_MS,
  claimEveryMs = CLAIM_EVERY_MS,
}: IntakeMoverOptions): IntakeMover {
  const consumer = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  let stopped = false;
  let lastClaim = 0;
  /** While the loop waits in XREADGROUP BLOCK: close() then cuts the connection instead of waiting out the block. */
  let blockedInRead = false;

  async function ensureGroup(): Promise<void> {
    try {
      // From the stream's start: requests accepted before any mover existed are moved too.
      await reader.xgroup('CREATE', key, INTAKE_MOVERS_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  /** `takenOver`: entries another mover read and never acknowledged, whose jobs it may have added already. */
  async function move(entries: readonly StreamEntry[], { takenOver = false } = {}): Promise<void> {
    if (entries.length === 0) return;
    const jobs = [];
    for (const [, flat] of entries) {
      const parsed = intakeEntrySchema.safeParse(streamEntryFields(flat));
      // Nothing can make an unreadable entry readable: it is dropped, and said so.
      if (!parsed.success) {
        logger.error({ reason: parsed.error.issues[0]?.message }, 'intake entry dropped: unreadable');
        continue;
      }
      const { id, name, tm } = parsed.data;
      // Such a job may have run and been removed since (completed jobs are trimmed): its worker reads its delivery record first.
      const data = takenOver ? { ...parsed.data.data, mayHaveRun: true as const } : parsed.data.data;
      jobs.push({ name, data, opts: { ...resetJobOptions(retry, id), ...(tm === undefined ? {} : { telemetry: { metadata: tm } }) } });
    }
    if (jobs.length > 0) await queue.addBulk(jobs);
    const ids = entries.map(([id]) => id);
    await reader
      .multi()
      .xack(key, INTAKE_MOVERS_GROUP, ...ids)
      .xdel(key, ...ids)
      .exec();
    onMoved(jobs.length);
  }

  async function claimAbandoned(): Promise<void> {
    lastClaim = Date.now();
    let cursor = '0-0';
    do {
      // ioredis types XAUTOCLAIM's reply loosely: [next cursor, entries, deleted ids (Redis 7)].
      const [next, entries] = (await reader.xautoclaim(key, INTAKE_MOVERS_GROUP, consumer, claimIdleMs, cursor, 'COUNT', BATCH)) as [
        string,
        StreamEntry[],
      ];
      await move(
        entries.filter((entry): entry is StreamEntry => Array.isArray(entry) && Array.isArray(entry[1])),
        { takenOver: true },
      );
      cursor = next;
    } while (cursor !== '0-0' && !stopped);
  }

  async function readOnce(): Promise<void> {
    if (Date.now() - lastClaim >= claimEveryMs) await claimAbandoned();
    if (stopped) return;
    blockedInRead = true;
    const reply = (await reader
      .xreadgroup('GROUP', INTAKE_MOVERS_GROUP, consumer, 'COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', key, '>')
      .finally(() => (blockedInRead = false))) as [string, StreamEntry[]][] | null;
    for (const [, entries] of reply ?? []) await move(entries);
  }

  const loop = (async () => {
    let groupReady = false;
    // One line when moving starts failing and one when it works again, not one per retry.
    let failing = false;
    while (!stopped) {
      try {
        if (!groupReady) {
          await ensureGroup();
          groupReady = true;
        }
        await readOnce();
        if (failing) logger.info('intake moving again');
        failing = false;
      } catch (error) {
        if (stopped) break;
        // A deleted stream (a flush, a restore) loses its group: it is made again.
        if (String((error as Error).message).includes('NOGROUP')) groupReady = false;
        else {
          if (!failing) logger.warn({ err: { message: (error as Error).message } }, 'intake move failed; retrying every second');
          failing = true;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
      }
    }
  })();

  return {
    async close() {
      stopped = true;
      // Cutting a blocked read loses nothing: an entry Redis handed over as the connection closed stays
      // pending under this consumer, and another mover claims it after claimIdleMs. A move under way finishes.
      if (blockedInRead) reader.disconnect();
      // With Redis away a command waits for it: bounded here.
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 2 * BLOCK_MS).unref())]);
    },
  };
}
