import type { Requester, ResetClient, ResetPorts } from './ports.js';
import { sequentialIntake } from './reset-request-intake-port.js';
import { resetRequestJob, type ResetRequestJobInput } from './reset-request-job.js';

/** What a request names, as the job takes it; the client and the time are this call's. */
export type QueuedResetRequest = Omit<ResetRequestJobInput, 'clientId' | 'requestedAt'>;

/**
 * The work every reset request does, whatever the API and whatever the address: the throttles,
 * then (when allowed) the job that looks the account up and mails it after the answer, then the
 * audit record (see ResetRequestIntake). One place, so that no path can do less work for an
 * unknown address than another.
 */
export async function queueResetRequest(
  ports: Pick<ResetPorts, 'jobs' | 'clock' | 'limits' | 'audit' | 'intake'>,
  client: ResetClient,
  request: QueuedResetRequest,
  requester: Requester,
): Promise<void> {
  const intake = ports.intake ?? sequentialIntake(ports);
  const job = resetRequestJob({ ...request, clientId: client.id, requestedAt: ports.clock.now().toISOString() });
  await intake.admit({ email: request.email, clientId: client.id, ip: requester.ip, job });
}
