import { performance } from 'node:perf_hooks';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobLockSettings } from '../../src/jobs/job-lock.js';
import { startFakeSendGrid, type FakeSendGrid, type MailAnswerer } from '../support/fake-sendgrid.js';
import { BUILT_CLI, runToCompletion, startServerProcess, type ServerProcess } from '../support/server-process.js';
import {
  accessTokenFor,
  addClient,
  faultTestEnvironment,
  importUsers,
  logLines,
  mailOf,
  requestReset,
  runCli,
  waitFor,
} from './fault-deployment.js';

// Issue 13, point 6, against the built server: the server is SIGKILLed while SendGrid holds one mail
// open. A new server process starts. No mail is lost (a mail waiting for its retry at the crash, and
// one requested after it, each go out once) and none is sent twice: the mail whose outcome is
// unknown is parked as such, within about the lock, and `mail retry` sends it again only with --force.

const HELD = 'held.mail@example.com';
const RETRIED = 'retried.mail@example.com';
const AFTER = 'after.restart@example.com';
/** Shortened from 30 s (MAIL_JOB_LOCK_DURATION), so the dead server's lock lapses within the test. */
const LOCK_SECONDS = 8;
/** Each test starts processes (servers, the CLI) on a busy machine: room for that, under a minute. */
const TEST_TIMEOUT_MS = 60_000;

/** SendGrid holding HELD's mail open, refusing RETRIED's first attempt with a 500, accepting every other. */
const answerDuringTheCrash: MailAnswerer = (mail) => {
  const { recipient } = mailOf(mail);
  if (recipient === HELD) return 'hang';
  if (recipient === RETRIED && sendgrid.received.every((earlier) => mailOf(earlier).recipient !== RETRIED)) return { status: 500 };
  return { status: 202 };
};

let sendgrid: FakeSendGrid;

describe('the server SIGKILLed mid-send (the built server)', () => {
  let redis: PrivateRedis;
  let environment: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sendgrid = await startFakeSendGrid({ answerMail: answerDuringTheCrash });
    // A retry delay long enough that RETRIED's second attempt is usually still waiting at the crash.
    environment = faultTestEnvironment(redis.url, sendgrid.url, {
      MAIL_JOB_LOCK_DURATION: String(LOCK_SECONDS),
      MAIL_RETRY_BASE_DELAY: '4',
    });
    await importUsers(environment, [HELD, RETRIED, AFTER]);
  }, TEST_TIMEOUT_MS);
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
    await sendgrid?.close();
    await redis?.stop();
  });

  const mailsTo = (recipient: string) => sendgrid.received.filter((mail) => mailOf(mail).recipient === recipient);
  const accepted = (recipient: string) => mailsTo(recipient).filter((mail) => mail.answer !== 'hang' && mail.answer.status === 202);

  it(
    'parks the mail whose outcome is unknown instead of sending it again, and sends every other mail once',
    async () => {
      const client = await addClient(environment);
      const first = await startServerProcess(environment);
      servers.push(first);
      const firstToken = await accessTokenFor(first.url, client);

      expect(await requestReset(first.url, firstToken, RETRIED)).toBe(200);
      await waitFor('the refused first attempt', () => mailsTo(RETRIED).length === 1);
      expect(await requestReset(first.url, firstToken, HELD)).toBe(200);
      await waitFor('the held mail to reach SendGrid', () => mailsTo(HELD).length === 1);
      const heldJobId = mailOf(mailsTo(HELD)[0]!).jobId;

      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;
      const killedAt = performance.now();

      const second = await startServerProcess(environment);
      servers.push(second);
      expect(await requestReset(second.url, await accessTokenFor(second.url, client), AFTER)).toBe(200);

      const parkedLine = () => logLines(second.output()).find((line) => line.msg === 'job parked' && line.jobId === heldJobId);
      await waitFor('the held job to be parked', () => parkedLine() !== undefined, 4 * LOCK_SECONDS * 1000);
      const parkedAfterMs = performance.now() - killedAt;
      await waitFor('the retried and the later mail', () => accepted(RETRIED).length === 1 && accepted(AFTER).length === 1);

      // Within about the lock (the lock, then one stalled check: see job-lock.ts), not the three passes of 30 s it took before.
      const { lockDuration } = jobLockSettings(LOCK_SECONDS * 1000);
      expect(parkedAfterMs).toBeLessThan(2 * lockDuration);
      expect(parkedLine()).toMatchObject({ kind: 'reset-requested', reason: expect.stringContaining('did not finish') });

      // Nobody got a mail twice: the held mail reached SendGrid once, the others were accepted once each.
      expect(mailsTo(HELD)).toHaveLength(1);
      expect(accepted(RETRIED)).toHaveLength(1);
      expect(accepted(AFTER)).toHaveLength(1);
      expect(new Set(sendgrid.received.map((mail) => mailOf(mail).jobId)).size).toBe(3);
      expect(logLines(second.output()).filter((line) => line.msg === 'job parked')).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'lists the parked job as "outcome unknown", and retries it only with --force',
    async () => {
      const parked = JSON.parse(await runCli(environment, ['mail', 'failed', '--json'])) as { id: string; outcomeUnknown: boolean }[];
      expect(parked).toHaveLength(1);
      const [held] = parked;
      expect(held?.outcomeUnknown).toBe(true);
      const heldJobId = held?.id ?? '';
      const listed = await runCli(environment, ['mail', 'failed']);
      expect(listed).toContain(`${heldJobId}  reset-requested  to ${HELD}`);
      expect(listed).toContain('outcome unknown');

      const refused = await runToCompletion(BUILT_CLI, ['mail', 'retry', heldJobId], environment);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('send outcome unknown');
      expect(refused.stderr).toContain('may already have this mail');
      expect(refused.stderr).toContain(`pnpm cli mail retry ${heldJobId} --force`);
      expect(JSON.parse(await runCli(environment, ['mail', 'retry', '--all', '--json']))).toEqual({ retried: [], skipped: [heldJobId] });
      expect(mailsTo(HELD)).toHaveLength(1);

      // The operator accepts that the user may get it twice.
      sendgrid.answerMails(() => ({ status: 202 }));
      expect(JSON.parse(await runCli(environment, ['mail', 'retry', heldJobId, '--force', '--json']))).toEqual({
        id: heldJobId,
        retried: true,
      });
      await waitFor('the forced retry', () => accepted(HELD).length === 1);
      expect(mailsTo(HELD).map((mail) => mailOf(mail).jobId)).toEqual([heldJobId, heldJobId]);
      expect(JSON.parse(await runCli(environment, ['mail', 'failed', '--json']))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
