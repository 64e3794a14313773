import { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { queuedJobSchema, RESET_QUEUE_NAME } from '../../jobs/queued-job.js';
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
}

async function openQueue(context: CliContext): Promise<Queue> {
  return new Queue(RESET_QUEUE_NAME, { connection: await context.redis(), prefix: context.keys.queuePrefix() });
}

function describeParkedJob(job: Job): ParkedJobView {
  const parsed = queuedJobSchema.safeParse(job.data);
  const payload = parsed.success ? parsed.data.job : null;
  const recipient =
    payload?.type === 'reset-requested'
      ? payload.email
      : payload?.type === 'password-changed'
        ? `user ${payload.userId}`
        : payload
          ? 'webhook'
          : '?';
  return {
    id: job.id ?? '?',
    type: payload?.type ?? job.name,
    recipient,
    clientId: payload?.clientId ?? '?',
    attempts: job.attemptsMade,
    reason: job.failedReason,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** `mail failed`: mails and webhooks that were parked after their last attempt. */
export async function listParkedMail(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const queue = await openQueue(context);
  try {
    const parked = (await queue.getFailed(0, 999)).map(describeParkedJob);
    const human =
      parked.length === 0
        ? 'no parked mail'
        : parked
            .map(
              (job) =>
                `${job.id}  ${job.type}  to ${job.recipient}  (client ${job.clientId}, ${job.attempts} attempts, ${job.failedAt})\n  ${job.reason}`,
            )
            .join('\n');
    context.output(options.json, parked, human);
    return 0;
  } finally {
    await queue.close();
  }
}

/** `mail retry ID`: sends a parked mail again, with a fresh set of attempts. */
export async function retryParkedMail(context: CliContext, args: readonly string[]): Promise<number> {
  const [jobId, ...rest] = args;
  if (!jobId || jobId.startsWith('-')) throw new CliError('a job id is required (see `pnpm cli mail failed`)', 2);
  const options = parseOptions(rest, z.object({ json: z.boolean().default(false) }), JSON_ONLY_SPEC);
  const queue = await openQueue(context);
  try {
    const job = await Job.fromId(queue, jobId);
    if (!job) throw new CliError(`no job ${jobId}`);
    if (!(await job.isFailed())) throw new CliError(`job ${jobId} is not parked (it is ${await job.getState()})`);
    // The operator takes the decision the worker would not: an interrupted send is tried again.
    const redis = await context.redis();
    const deliveryKey = context.keys.delivery(jobId);
    if ((await redis.get(deliveryKey)) === 'sending') await redis.del(deliveryKey);
    await job.retry('failed');
    context.output(options.json, { id: jobId, retried: true }, `job ${jobId} queued again`);
    return 0;
  } finally {
    await queue.close();
  }
}

export const MAIL_QUEUE_COMMANDS: readonly CliCommand[] = [
  {
    name: 'mail failed',
    synopsis: '',
    summary: 'parked mails and webhooks: id, kind, recipient, client, attempts, reason (never a secret)',
    options: describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION }),
    run: listParkedMail,
  },
  {
    name: 'mail retry',
    synopsis: 'ID',
    summary: 'sends a parked mail or webhook again, with a fresh set of attempts',
    options: describeOptions(JSON_ONLY_SPEC, { json: JSON_OPTION }),
    run: retryParkedMail,
  },
];
