import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendGrid, type FakeSendGrid, type MailAnswer, type ReceivedMailRequest } from '../support/fake-sendgrid.js';
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

// Issue 13, point 6, against the built server: SendGrid answers each mail 500, then 429 with a
// Retry-After twice, then accepts it. Every mail is delivered exactly once, and no attempt comes
// sooner than the Retry-After of the answer before it (the sink records when each attempt arrives).

const RECIPIENTS = ['throttled-1@example.com', 'throttled-2@example.com', 'throttled-3@example.com', 'throttled-4@example.com'];

/** What SendGrid answers a mail's first, second, third and later attempts. */
const ANSWERS_BY_ATTEMPT: readonly MailAnswer[] = [
  { status: 500 },
  { status: 429, headers: { 'retry-after': '2' } },
  { status: 429, headers: { 'retry-after': '1' } },
  { status: 202 },
];

/** The Retry-After an answer asked for, in milliseconds; 0 when it asked for none. */
function retryAfterMs(answer: MailAnswer): number {
  if (answer === 'hang') throw new Error('no mail is held in this test');
  return Number(answer.headers?.['retry-after'] ?? 0) * 1000;
}

/** The set-up starts processes (Redis, the CLI, the server) on a busy machine: room for that, under a minute. */
const SET_UP_TIMEOUT_MS = 60_000;

const statusOf = (mail: ReceivedMailRequest) => (mail.answer === 'hang' ? 'hang' : mail.answer.status);

describe('SendGrid answering 500, then 429 with Retry-After (the built server)', () => {
  let redis: PrivateRedis;
  let sendgrid: FakeSendGrid;
  let server: ServerProcess;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sendgrid = await startFakeSendGrid({
      answerMail: (mail) => {
        const { jobId } = mailOf(mail);
        const attemptsBefore = sendgrid.received.filter((earlier) => mailOf(earlier).jobId === jobId).length;
        return ANSWERS_BY_ATTEMPT[Math.min(attemptsBefore, ANSWERS_BY_ATTEMPT.length - 1)]!;
      },
    });
    // No backoff of our own: any wait between two attempts is the Retry-After's.
    const environment = faultTestEnvironment(redis.url, sendgrid.url, { MAIL_RETRY_BASE_DELAY: '0' });
    await importUsers(environment, RECIPIENTS);
    const client = await addClient(environment);
    server = await startServerProcess(environment);
    const accessToken = await accessTokenFor(server.url, client);
    for (const recipient of RECIPIENTS) expect(await requestReset(server.url, accessToken, recipient)).toBe(200);
  }, SET_UP_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await sendgrid?.close();
    await redis?.stop();
  });

  it('delivers every mail exactly once, never trying again sooner than its Retry-After', async () => {
    const jobsDone = () => logLines(server.output()).filter((line) => line.msg === 'job done');
    await waitFor('every job to finish', () => jobsDone().length === RECIPIENTS.length);

    const attemptsByJob = new Map<string, ReceivedMailRequest[]>();
    for (const mail of sendgrid.received) attemptsByJob.set(mailOf(mail).jobId, [...(attemptsByJob.get(mailOf(mail).jobId) ?? []), mail]);
    expect(attemptsByJob.size).toBe(RECIPIENTS.length);
    expect(new Set(sendgrid.received.map((mail) => mailOf(mail).recipient))).toEqual(new Set(RECIPIENTS));
    for (const [jobId, attempts] of attemptsByJob) {
      // Each job: the four answers in order, and nothing after the one that delivered it.
      expect([jobId, attempts.map(statusOf)]).toEqual([jobId, [500, 429, 429, 202]]);
      for (let index = 1; index < attempts.length; index += 1) {
        const previous = attempts[index - 1]!;
        const waitedMs = attempts[index]!.receivedAt - previous.receivedAt;
        expect(waitedMs, `${jobId}, attempt ${index + 1}`).toBeGreaterThanOrEqual(retryAfterMs(previous.answer));
      }
    }
    expect(logLines(server.output()).filter((line) => line.msg === 'job parked')).toEqual([]);
  });
});
