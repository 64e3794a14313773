import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext, type CliContext } from '../src/cli/cli-context.js';
import { retryParkedMail } from '../src/cli/commands/mail-queue-commands.js';
import { fakeRemoteServices, SENDGRID_TEST_URL } from './support/fake-remote-services.js';
import { registerClient, startTestServer, trpcClientFor, waitForQueueToDrain, type TestServer } from './support/test-server.js';

// Issue 14, point 5: `pnpm cli mail retry --all [--kind K] [--client ID]`, e.g. once a revoked
// SendGrid key is replaced: every parked job of that kind and client goes out again, no other.

const remote = fakeRemoteServices();
beforeAll(() => remote.listen());
afterEach(() => remote.reset());
afterAll(() => remote.close());

describe('mail retry --all', () => {
  let server: TestServer;
  let context: CliContext;

  beforeAll(async () => {
    server = await startTestServer({
      SENDGRID_API_KEY: 'SG.test',
      SENDGRID_API_URL: SENDGRID_TEST_URL,
      MAIL_FROM: 'reset@example.com',
      MAIL_RETRY_BASE_DELAY: '0',
    });
    context = createCliContext(server.config);
  });
  afterAll(async () => {
    await context.close();
    await server.close();
  });

  const parkedIds = async () => (await server.composed.jobs.queue.getFailed()).map((job) => job.id).sort();

  it('retries the parked jobs of one client, then of one kind, then all, and refuses mixed or missing arguments', async () => {
    remote.answerSendGrid(() => HttpResponse.json({ errors: [{ message: 'revoked' }] }, { status: 401 }));
    const other = await registerClient(server.composed, server.url, { name: 'Other App' });
    for (const [index, trpc] of [server.trpc, trpcClientFor(server.url, other.accessToken)].entries()) {
      const email = `retry-all-${index}@example.com`;
      await server.users.createUser({ email, password: 'old-password-1', name: 'Retry User' });
      await trpc.passwordReset.request.mutate({ email });
    }
    await waitForQueueToDrain(server.composed);
    const parked = await server.composed.jobs.queue.getFailed();
    expect(parked).toHaveLength(2);
    const ofOther = parked.find((job) => (job.data as { job: { clientId: string } }).job.clientId === other.clientId);
    const ofFirst = parked.find((job) => job !== ofOther);

    remote.answerSendGrid(() => new HttpResponse(null, { status: 202 }));
    expect(await retryParkedMail(context, ['--all', '--client', other.clientId, '--json'])).toBe(0);
    await waitForQueueToDrain(server.composed);
    expect(await parkedIds()).toEqual([ofFirst?.id]);
    expect(remote.acceptedMails()).toHaveLength(1);

    expect(await retryParkedMail(context, ['--all', '--kind', 'password-changed'])).toBe(0);
    await waitForQueueToDrain(server.composed);
    expect(await parkedIds()).toEqual([ofFirst?.id]);

    expect(await retryParkedMail(context, ['--all', '--kind', 'reset-requested'])).toBe(0);
    await waitForQueueToDrain(server.composed);
    expect(await parkedIds()).toEqual([]);
    expect(remote.acceptedMails()).toHaveLength(2);

    for (const args of [['--kind', 'reset-requested'], [ofFirst?.id ?? 'job', '--all'], ['--all', '--kind', 'no-such-kind'], []])
      await expect(retryParkedMail(context, args), args.join(' ')).rejects.toMatchObject({ exitCode: 2 });
  });
});
