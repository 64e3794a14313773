import { performance } from 'node:perf_hooks';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendGrid, type FakeSendGrid } from '../support/fake-sendgrid.js';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import {
  accessTokenFor,
  addClient,
  faultTestEnvironment,
  importUsers,
  logLines,
  mailOf,
  requestReset,
  waitFor,
} from './fault-deployment.js';

// Issue 13, point 6, against the built server: Redis is killed with SIGKILL under a steady load of
// reset requests and started again on the same port with its AOF (appendfsync always, so every
// write Redis acknowledged is there after the restart). While it is down the server answers 503;
// within 2 s of Redis answering again it answers 200; every request answered 200 gets its mail
// exactly once.

/** Accounts, one per request: more than the load uses, so each request's mail is its own. */
const ACCOUNTS = 300;
/** Requests kept in flight at once, each loop sending its next as soon as the last is answered. */
const LOOPS = 3;
const ANSWERED_BEFORE_THE_KILL = 20;
const REFUSED_WHILE_DOWN = 5;
const ANSWERED_AFTER_THE_RESTART = 20;
/** The bound: 200 again within 2 s of Redis being back. */
const BACK_WITHIN_MS = 2_000;
/** Queue states of a job that may still send (pwreset_queue_jobs on /metrics). */
const UNSETTLED_STATES = ['waiting', 'active', 'delayed', 'prioritized'];
/** Set-up and test start processes (Redis, the CLI, the server) on a busy machine: room for that, under a minute. */
const TIMEOUT_MS = 60_000;

interface Answer {
  readonly email: string;
  readonly status: number;
  /** On the test's monotonic clock (performance.now()). */
  readonly sentAt: number;
  readonly answeredAt: number;
}

describe('Redis killed and restarted under load (the built server)', () => {
  let redis: PrivateRedis;
  let sendgrid: FakeSendGrid;
  let server: ServerProcess;
  let accessToken: string;
  const emails = Array.from({ length: ACCOUNTS }, (_, index) => `loaded-${index}@example.com`);

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendonly: true });
    sendgrid = await startFakeSendGrid();
    // A short lock, so that a job whose worker lost Redis mid-delivery is settled within the test.
    const environment = faultTestEnvironment(redis.url, sendgrid.url, { MAIL_RETRY_BASE_DELAY: '0', MAIL_JOB_LOCK_DURATION: '10' });
    await importUsers(environment, emails);
    const client = await addClient(environment);
    server = await startServerProcess(environment);
    accessToken = await accessTokenFor(server.url, client);
  }, TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await sendgrid?.close();
    await redis?.stop();
  });

  it(
    'answers 503 while Redis is down, 200 within 2 s of it being back, and mails every request answered 200 once',
    async () => {
      const answers: Answer[] = [];
      const unused = [...emails];
      let stopping = false;
      const loop = async () => {
        while (!stopping) {
          const email = unused.shift();
          if (email === undefined) throw new Error(`the load used all ${ACCOUNTS} accounts`);
          const sentAt = performance.now();
          const status = await requestReset(server.url, accessToken, email);
          answers.push({ email, status, sentAt, answeredAt: performance.now() });
        }
      };
      const load = Promise.all(Array.from({ length: LOOPS }, loop));
      const answeredSince = (since: number, status?: number) =>
        answers.filter((answer) => answer.sentAt >= since && (status === undefined || answer.status === status));

      try {
        await waitFor('answers before the kill', () => answeredSince(0, 200).length >= ANSWERED_BEFORE_THE_KILL);
        await redis.kill();
        const downAt = performance.now();
        await waitFor('refusals while Redis is down', () => answeredSince(downAt).length >= REFUSED_WHILE_DOWN);
        const restartingAt = performance.now();
        await redis.restart();
        const backAt = performance.now();
        await waitFor('answers after the restart', () => answeredSince(backAt, 200).length >= ANSWERED_AFTER_THE_RESTART);

        // Sent and answered while Redis was down: every one refused with 503, none hanging or failing otherwise.
        const whileDown = answers.filter((answer) => answer.sentAt >= downAt && answer.answeredAt <= restartingAt);
        expect(whileDown.length).toBeGreaterThanOrEqual(REFUSED_WHILE_DOWN);
        expect(new Set(whileDown.map((answer) => answer.status))).toEqual(new Set([503]));
        const firstAnsweredAfter = Math.min(...answeredSince(backAt, 200).map((answer) => answer.answeredAt));
        expect(firstAnsweredAfter - backAt).toBeLessThanOrEqual(BACK_WITHIN_MS);
      } finally {
        stopping = true;
        await load;
      }
      // Nothing but 200 and 503, whenever it was sent.
      expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200, 503]));

      const accepted = answers.filter((answer) => answer.status === 200).map((answer) => answer.email);
      const mailsTo = (email: string) => sendgrid.received.filter((mail) => mailOf(mail).recipient === email).length;
      await waitFor('a mail for every request answered 200', () => accepted.every((email) => mailsTo(email) >= 1), 30_000).catch(
        (error: unknown) => {
          // Which requests went without, and what the server said of their jobs: the failure's evidence.
          const missing = accepted.filter((email) => mailsTo(email) === 0);
          const unhappy = logLines(server.output()).filter((line) => line.level >= 40);
          throw new Error(`${(error as Error).message}: ${missing.join(', ')}\n${unhappy.map((line) => JSON.stringify(line)).join('\n')}`);
        },
      );
      // Every job settled, so no second mail can come later: each job's delivery was recorded, or parked.
      const unsettledJobs = async () => {
        const samples = parsePrometheusText(await (await fetch(`${server.url}/metrics`)).text());
        return UNSETTLED_STATES.reduce((sum, state) => sum + (sampleValue(samples, 'pwreset_queue_jobs', { state }) ?? 0), 0);
      };
      await waitFor('the queue to settle', async () => (await unsettledJobs()) === 0, 30_000);

      for (const email of accepted) expect([email, mailsTo(email)]).toEqual([email, 1]);
      // A request refused with 503 may have queued its job before failing: at most one mail for it too.
      for (const answer of answers) expect(mailsTo(answer.email)).toBeLessThanOrEqual(1);
      expect(new Set(sendgrid.received.map((mail) => mailOf(mail).jobId)).size).toBe(sendgrid.received.length);
    },
    TIMEOUT_MS,
  );
});
