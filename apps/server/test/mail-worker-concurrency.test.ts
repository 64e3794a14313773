import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSendGrid, type FakeSendGrid } from './support/fake-sendgrid.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Issue 15 point 3: MAIL_WORKER_CONCURRENCY is how many mails one worker process has in flight.
// SendGrid's stand-in holds every mail open, so the mails it has received at once are the
// worker's concurrency, and no more arrive however many are queued.

const CONCURRENCY = 3;
const QUEUED = 8;

async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('MAIL_WORKER_CONCURRENCY', () => {
  let sendgrid: FakeSendGrid;
  let server: TestServer;
  beforeAll(async () => {
    sendgrid = await startFakeSendGrid({ answerMail: () => 'hang' });
    server = await startTestServer({
      SENDGRID_API_KEY: 'SG.concurrency-test',
      SENDGRID_API_URL: sendgrid.url,
      MAIL_WORKER_CONCURRENCY: String(CONCURRENCY),
    });
  });
  afterAll(async () => {
    // The held mails fail when their connections close, so the worker can stop.
    await sendgrid?.close();
    await server?.close();
  });

  it('has that many mails in flight at once, and no more', async () => {
    for (let index = 0; index < QUEUED; index += 1) {
      const email = `concurrency-${index}@example.com`;
      await server.users.createUser({ email, password: 'old-password-1' });
      await server.trpc.passwordReset.request.mutate({ email });
    }
    await until(`${CONCURRENCY} mails in flight`, () => sendgrid.received.length >= CONCURRENCY);
    // Time for a fourth to arrive, were the worker allowed one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sendgrid.received).toHaveLength(CONCURRENCY);
  });
});
