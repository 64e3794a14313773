import { startPrivateRedis } from '@pwreset/testing';
import autocannon from 'autocannon';
import { addressCalls } from './bench-calls.js';
import { createBenchWorld } from './bench-world.js';
import { createCleanupStack, type CleanupStack } from './cleanup-stack.js';
import { startBenchResetServer } from './bench-reset-server.js';
import { startSendGridSink } from './sendgrid-sink.js';

/** Issue 15 point 2: with the in-process worker on, the rate sustained is at least this share of the tRPC + SET baseline's. */
export const SUSTAINABLE_RATIO_TARGET = 0.5;

export interface SustainableRate {
  /** Requests for known addresses answered 200, each of whose mails the sink then accepted. */
  readonly requests: number;
  /** From the first request sent to the last answer. */
  readonly loadSeconds: number;
  /** From the last answer to the last mail accepted: the backlog the worker still had. */
  readonly drainSeconds: number;
  /** Requests ÷ (load + drain): what the server can take for as long as it likes, every mail out. */
  readonly perSecond: number;
}

/** How long the backlog may take to drain before the bench gives up on it. */
const DRAIN_TIMEOUT_MS = 120_000;

/**
 * The reset server as one instance runs it by default, with its worker in the process
 * (MAIL_WORKER=true), on a private Redis of its own (no other phase's jobs in its queue), mailing
 * through the real SendGrid mailer to a local sink: `requests` requests for as many known addresses
 * at `connections` at once, then the wait until the sink has every mail. A request that is not
 * answered 200, or a mail that never arrives, fails the bench.
 */
export async function measureSustainableRate({
  requests,
  connections,
  cleanups,
}: {
  readonly requests: number;
  readonly connections: number;
  /** The bench's: a signal mid-phase stops this phase's processes too. */
  readonly cleanups: CleanupStack;
}): Promise<SustainableRate> {
  // This phase's own steps, run when it ends (its servers idle no later phase), or by the bench's on a signal.
  const phase = createCleanupStack();
  cleanups.defer(() => phase.runAll());
  try {
    const redis = await startPrivateRedis();
    phase.defer(() => redis.stop());
    const sink = await startSendGridSink({});
    phase.defer(() => sink.close());
    const server = await startBenchResetServer({ redisUrl: redis.url, mail: { sendGridApiUrl: sink.url }, withoutWorker: false });
    phase.defer(() => server.stop());
    const world = await createBenchWorld(redis.url, server.url);
    phase.defer(async () => world.close());
    const accounts = await world.addUsers(requests, 'sustained');
    const call = addressCalls(world.credentials).request;
    let next = 0;
    const startedAt = performance.now();
    const result = await autocannon({
      url: server.url,
      connections,
      amount: requests,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const { path, headers, body } = call(accounts[next % accounts.length]?.email ?? '');
            next += 1;
            return { ...request, path, headers, body };
          },
        },
      ],
    });
    const answeredAt = performance.now();
    const answered = result['2xx'];
    if (result.non2xx > 0 || result.errors > 0 || answered !== requests) {
      throw new Error(
        `sustained rate: ${answered} of ${requests} requests answered 2xx (${result.non2xx} other answers, ${result.errors} errors)`,
      );
    }
    const deadline = answeredAt + DRAIN_TIMEOUT_MS;
    while (sink.accepted < requests) {
      if (performance.now() > deadline)
        throw new Error(`sustained rate: ${sink.accepted} of ${requests} mails delivered after ${DRAIN_TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lastMailAt = Math.max(sink.lastAt ?? answeredAt, answeredAt);
    const seconds = (lastMailAt - startedAt) / 1000;
    return {
      requests,
      loadSeconds: (answeredAt - startedAt) / 1000,
      drainSeconds: (lastMailAt - answeredAt) / 1000,
      perSecond: seconds > 0 ? requests / seconds : 0,
    };
  } finally {
    await phase.runAll();
  }
}
