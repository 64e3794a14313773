import type { ResetJob } from '@pwreset/contract';
import { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { isSendingClaim } from '../../delivery/at-most-once.js';
import { MAIL_QUEUE_STATES, readMailQueueCounts } from '../../jobs/mail-queue-counts.js';
import { RESET_JOB_TYPES, queuedJobSchema, RESET_QUEUE_NAME } from '../../jobs/queued-job.js';
import { describeOptions, JSON_ONLY_SPEC, JSON_OPTION, type CliCommand } from '../cli-command.js';
import { CliError, type CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';

/** A parked job as an operator sees it: whom it was for and why it stopped. Never a secret (jobs hold none). */
export interface ParkedJobView {
  readonly id: string;
  readonly type: string;
  readonly recipient: string;
  readonly clientId: string;
  readonly attempts: number;
  readonly reason: string;
  readonly failedAt: string | null;
  /**
   * An attempt began sending and never recorded the answer (its worker died mid-send): the user may
   * already have the mail, so `mail retry` sends it again only with `--force`.
   */
  readonly outcomeUnknown: boolean;
}

/** What `mail failed` prints after a job whose send outcome is unknown. */
export const OUTCOME_UNKNOWN_MARK = 'outcome unknown';

async function openQueue(context: CliContext): Promise<Queue> {
  return new Queue(RESET_QUEUE_NAME, { connection: await context.redis(), prefix: context.keys.queuePrefix() });
}

/** Whom a parked job was for, by its kind; exhaustive, so a new kind of job must say it here. */
export function recipientOf(payload: ResetJob): string {
  switch (payload.type) {
    case 'reset-requested':
    case 'temporary-password-requested':
    case 'reset-code-requested':
      return payload.email;
    case 'password-changed':
      return `user ${payload.userId} of directory ${payload.directory}`;
    case 'webhook':
      return `the webhook of client ${payload.clientId}`;
    case 'unreachable-address-requested':
      return 'nobody (an address no account can have)';
  }
}

/** Whether an attempt of the job claimed its delivery and died before recording it (see delivery/at-most-once.ts). */
async function isOutcomeUnknown(context: CliContext, jobId: string): Promise<boolean> {
  const redis = await context.redis();
  return isSendingClaim(await redis.get(context.keys.delivery(jobId)));
}

async function describeParkedJob(context: CliContext, job: Job): Promise<ParkedJobView> {
  const parsed = queuedJobSchema.safeParse(job.data);
  const payload = parsed.success ? parsed.data.job : null;
  const recipient = payload ? recipientOf(payload) : '?';
  return {
    id: job.id ?? '?',
    type: payload?.type ?? job.name,
    recipient,
    clientId: payload?.clientId ?? '?',
    attempts: job.attemptsMade,
    reason: job.failedReason,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    outcomeUnknown: job.id === undefined ? false : await isOutcomeUnknown(context, job.id),
  };
}

/** `mail failed`: mails and webhooks that were parked after their last attempt. */
export async function listParkedMail(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const queue = await openQueue(context);
  try {
    const parked = await Promise.all((await queue.getFailed(0, 999)).map((job) => describeParkedJob(context, job)));
    const human =
      parked.length === 0
        ? 'no parked mail'
        : parked
            .map(
              (job) =>
                `${job.id}  ${job.type}  to ${job.recipient}  (client ${job.clientId}, ${job.attempts} attempts, ${job.failedAt})` +
                `${job.outcomeUnknown ? `  ${OUTCOME_UNKNOWN_MARK}: it may have been sent; retry only with --force` : ''}\n  ${job.reason}`,
            )
            .join('\n');
    context.output(options.json, parked, human);
    return 0;
  } finally {
    await queue.close();
  }
}

/** `mail retry`'s options: one job by id, or every parked job (`--all`), narrowed by kind or client. */
const RETRY_SPEC = { strings: ['kind', 'client'], booleans: ['json', 'all', 'force'] } as const;
const retryOptionsSchema = z.object({
  json: z.boolean().default(false),
  all: z.boolean().default(false),
  force: z.boolean().default(false),
  kind: z.enum(RESET_JOB_TYPES).optional(),
  client: z.string().min(1).optional(),
});

/** Queues a parked job again with a fresh set of attempts. */
async function retryJob(context: CliContext, job: Job): Promise<void> {
  const jobId = job.id ?? '';
  // The operator takes the decision the worker would not: an interrupted send is tried again.
  const redis = await context.redis();
  const deliveryKey = context.keys.delivery(jobId);
  if (isSendingClaim(await redis.get(deliveryKey))) await redis.del(deliveryKey);
  await job.retry('failed');
}

/** Why `mail retry ID` refuses a job whose outcome is unknown, and how to send it anyway. */
function outcomeUnknownRefusal(jobId: string): string {
  return (
    `job ${jobId} is parked with its send outcome unknown: an attempt began sending and its worker died before ` +
    `recording the answer, so the user may already have this mail. To send it again anyway: pnpm cli mail retry ${jobId} --force`
  );
}

/**
 * `mail retry ID`: sends a parked mail again, with a fresh set of attempts. `mail retry --all
 * [--kind K] [--client ID]`: every parked job (of that kind, of that client), e.g. once a revoked
 * SendGrid key is replaced. A job whose outcome is unknown (it may have been sent) is refused, or
 * skipped by `--all`, unless `--force`: the operator decides that a second mail is acceptable.
 */
export async function retryParkedMail(context: CliContext, args: readonly string[]): Promise<number> {
  const [first, ...rest] = args;
  const byId = first !== undefined && !first.startsWith('-');
  const options = parseOptions(byId ? rest : args, retryOptionsSchema, RETRY_SPEC);
  if (byId && (options.all || options.kind !== undefined || options.client !== undefined))
    throw new CliError('give a job id or --all [--kind K] [--client ID], not both', 2);
  if (!byId && !options.all) throw new CliError('a job id, or --all, is required (see `pnpm cli mail failed`)', 2);
  const queue = await openQueue(context);
  try {
    if (byId) {
      const job = await Job.fromId(queue, first);
      if (!job) throw new CliError(`no job ${first}`);
      if (!(await job.isFailed())) throw new CliError(`job ${first} is not parked (it is ${await job.getState()})`);
      if (!options.force && (await isOutcomeUnknown(context, first))) throw new CliError(outcomeUnknownRefusal(first));
      await retryJob(context, job);
      context.output(options.json, { id: first, retried: true }, `job ${first} queued again`);
      return 0;
    }
    const matching: { job: Job; view: ParkedJobView }[] = [];
    for (const job of await queue.getFailed(0, -1)) {
      const view = await describeParkedJob(context, job);
      if ((options.kind === undefined || view.type === options.kind) && (options.client === undefined || view.clientId === options.client))
        matching.push({ job, view });
    }
    const chosen = matching.filter(({ view }) => options.force || !view.outcomeUnknown);
    const skipped = matching.filter(({ view }) => !options.force && view.outcomeUnknown).map(({ view }) => view.id);
    for (const { job } of chosen) await retryJob(context, job);
    const ids = chosen.map(({ view }) => view.id);
    const retriedText =
      ids.length > 0 ? `${ids.length} jobs queued again` : skipped.length > 0 ? 'no job queued again' : 'no parked job matches';
    const skippedText =
      skipped.length === 0
        ? ''
        : `; ${skipped.length} skipped with their send outcome unknown (${skipped.join(', ')}): add --force to send them too`;
    context.output(options.json, { retried: ids, skipped }, `${retriedText}${skippedText}`);
    return 0;
  } finally {
    await queue.close();
  }
}

/** `mail status`: how much waits for the workers (the intake, then the queue's states) and how much is parked. */
export async function showMailQueueStatus(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const queue = await openQueue(context);
  try {
    const counts = await readMailQueueCounts(queue, await context.redis(), context.keys.resetRequestIntake());
    const human = MAIL_QUEUE_STATES.map((state) => `${state === 'failed' ? 'parked' : state}: ${counts[state]}`).join('\n');
    context.output(options.json, counts, human);
    return 0;
  } finally {
    await queue.close();
  }
}

export const MAIL_QUEUE_COMMANDS: readonly CliCommand[] = [
  {
    name: 'mail status',
    synopsis: '',
    summary: 'requests not yet in the queue (intake), then jobs waiting, running, delayed, parked and completed',
    options: describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION }),
    run: showMailQueueStatus,
  },
  {
    name: 'mail failed',
    synopsis: '',
    summary: 'parked mails and webhooks: id, kind, recipient, client, attempts, reason, whether its outcome is unknown (never a secret)',
    options: describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION }),
    run: listParkedMail,
  },
  {
    name: 'mail retry',
    synopsis: 'ID | --all',
    summary: 'sends a parked mail or webhook (or every parked one) again, with a fresh set of attempts',
    options: describeOptions(RETRY_SPEC, {
      json: JSON_OPTION,
      all: { text: 'every parked job, instead of one ID' },
      kind: { value: 'K', text: `with --all: only jobs of this kind (${RESET_JOB_TYPES.join(', ')})` },
      client: { value: 'ID', text: 'with --all: only jobs of this client' },
      force: { text: `also a job whose send outcome is unknown (it may have been sent: the user could get it twice)` },
    }),
    run: retryParkedMail,
  },
];
