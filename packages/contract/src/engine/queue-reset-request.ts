import type { Requester, ResetClient, ResetPorts } from './ports.js';
import { resetRequestJob, type ResetRequestJobInput } from './reset-request-job.js';

/** What a request names, as the job takes it; the client and the time are this call's. */
export type QueuedResetRequest = Omit<ResetRequestJobInput, 'clientId' | 'requestedAt'>;

/**
 * The work every reset request does, whatever the API and whatever the address: the throttles,
 * then (when allowed) the job that looks the account up and mails it after the answer, then the
 * audit record. One place, so that no path can do less work for an unknown address than another.
 */
export async function queueResetRequest(
  ports: Pick<ResetPorts, 'jobs' | 'clock' | 'limits' | 'audit'>,
  client: ResetClient,
  request: QueuedResetRequest,
  requester: Requester,
): Promise<void> {
  const { email } = request;
  const decision = await ports.limits.allowResetRequest({ email, clientId: client.id, ip: requester.ip });
  if (decision.allowed) {
    await ports.jobs.enqueue(resetRequestJob({ ...request, clientId: client.id, requestedAt: ports.clock.now().toISOString() }));
  }
  await ports.audit.record({
    action: 'request',
    outcome: decision.allowed ? 'accepted' : 'throttled',
    clientId: client.id,
    email,
    ip: requester.ip,
  });
}
