import type { ResetJob } from '../jobs.js';
import type { ResetJobOutcome } from './job-outcome.js';
import type { JobAttempt, ResetPorts } from './ports.js';

/** Tells the application a reset completed, so it can end the user's other sessions. */
export async function deliverWebhook(
  ports: ResetPorts,
  job: Extract<ResetJob, { type: 'webhook' }>,
  attempt: JobAttempt,
): Promise<ResetJobOutcome> {
  const client = await ports.clients.findById(job.clientId);
  if (!client) return 'client-unknown';
  if (!client.webhookUrl) return 'no-webhook';
  await ports.webhooks.deliver(client.id, job.event, { idempotencyKey: attempt.jobId });
  return 'webhook-sent';
}
