import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../dependency-unavailable-error.js';
import type { ResetJob, ResetJobQueue } from '../../engine/ports.js';

export interface JobQueueUnderTest {
  readonly queue: ResetJobQueue;
  /** The payloads waiting to be run, oldest first. */
  queued(): Promise<ResetJob[]>;
  /** Makes the queue's store unreachable. */
  makeUnavailable(): Promise<void>;
}

export type MakeJobQueue = () => Promise<JobQueueUnderTest>;

const requestedAt = '2026-01-01T00:00:00.000Z';

/** One job of each type, as the engine makes them. */
export const SAMPLE_RESET_JOBS: readonly ResetJob[] = [
  {
    type: 'reset-requested',
    email: 'jane@example.com',
    locale: 'nl',
    clientId: 'cl_1',
    resetUrl: 'https://shop.example.com/reset',
    requestedAt,
  },
  { type: 'temporary-password-requested', email: 'jane@example.com', clientId: 'cl_1', requestedAt },
  { type: 'reset-code-requested', email: 'jane@example.com', clientId: 'cl_1', requestedAt, flowRef: 'Ab-_'.repeat(10) + 'xyz' },
  { type: 'password-changed', userId: 'usr_1', directory: 'default', clientId: 'cl_1', changedAt: requestedAt },
  {
    type: 'webhook',
    clientId: 'cl_1',
    event: {
      type: 'password_reset.completed',
      eventId: 'evt_1',
      occurredAt: requestedAt,
      userId: 'usr_1',
      directory: 'default',
      clientId: 'cl_1',
    },
  },
];

/** What every ResetJobQueue must do, as its port's doc comments state. One call per adapter. */
export function describeJobQueueConformance(adapterName: string, makeQueue: MakeJobQueue): void {
  describe(`${adapterName}: the job queue contract`, () => {
    it('has every job type queued by the time enqueue resolves, payload intact, in order', async () => {
      const { queue, queued } = await makeQueue();
      for (const job of SAMPLE_RESET_JOBS) await queue.enqueue(job);
      expect(await queued()).toEqual(SAMPLE_RESET_JOBS);
    });

    it('refuses a payload that breaks the job contract, and queues nothing of it', async () => {
      const { queue, queued } = await makeQueue();
      const [first] = SAMPLE_RESET_JOBS;
      if (first?.type !== 'reset-requested') throw new Error('the first sample is a reset request');
      await expect(queue.enqueue({ ...first, clientId: '' })).rejects.toThrow();
      await expect(queue.enqueue({ ...first, requestedAt: 'yesterday' })).rejects.toThrow();
      expect(await queued()).toEqual([]);
    });

    it('tolerates a field the contract does not know, and drops it: only what it vouches for is queued', async () => {
      const { queue, queued } = await makeQueue();
      const [first] = SAMPLE_RESET_JOBS;
      if (first?.type !== 'reset-requested') throw new Error('the first sample is a reset request');
      // A newer version's field is no reason to refuse a job; it is not carried along half-understood either.
      await queue.enqueue({ ...first, ...{ addedByANewerVersion: 'A'.repeat(43) } });
      expect(await queued()).toEqual([first]);
    });

    it('fails closed when its store is unreachable: enqueue rejects, so the request answers 503', async () => {
      const { queue, makeUnavailable } = await makeQueue();
      await makeUnavailable();
      await expect(queue.enqueue(SAMPLE_RESET_JOBS[0] as ResetJob)).rejects.toBeInstanceOf(DependencyUnavailableError);
    });
  });
}
