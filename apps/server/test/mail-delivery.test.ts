import { verifyWebhookSignature } from '@pwreset/client/webhooks';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../src/cli/cli-context.js';
import { retryParkedMail } from '../src/cli/commands/mail-queue-commands.js';
import { fakeRemoteServices, SENDGRID_TEST_URL, WEBHOOK_TEST_URL } from './support/fake-remote-services.js';
import { sendGridMailSendSchema } from './support/sendgrid-schema.js';
import {
  intakeMoved,
  registerClient,
  startTestServer,
  trpcClientFor,
  waitForQueueToDrain,
  type TestServer,
} from './support/test-server.js';

const remote = fakeRemoteServices();
beforeAll(() => remote.listen());
afterEach(() => remote.reset());
afterAll(() => remote.close());

const viaSendGrid = (extra: Record<string, string> = {}) => ({
  SENDGRID_API_KEY: 'SG.test',
  SENDGRID_API_URL: SENDGRID_TEST_URL,
  MAIL_FROM: 'reset@example.com',
  MAIL_RETRY_BASE_DELAY: '0',
  ...extra,
});

let userCount = 0;
async function newUser(server: TestServer): Promise<string> {
  userCount += 1;
  const email = `mail-user-${userCount}@example.com`;
  await server.users.createUser({ email, password: 'old-password-1', name: 'Mail User' });
  return email;
}

const secretIn = (mail: Record<string, unknown>) => /#token=([A-Za-z0-9_-]{43})/.exec(JSON.stringify(mail))?.[1];

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('mail through SendGrid, queued and retried', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(viaSendGrid());
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends a v3 mail/send payload that matches SendGrid’s documented schema', async () => {
    const email = await newUser(server);
    await server.trpc.passwordReset.request.mutate({ email });
    await waitForQueueToDrain(server.composed);
    const [mail] = remote.acceptedMails();
    const payload = sendGridMailSendSchema.parse(mail);
    expect(payload.personalizations[0]?.to).toEqual([{ email, name: 'Mail User' }]);
    expect(payload.from).toEqual({ email: 'reset@example.com', name: 'Test App' });
    expect(payload.content?.map((part) => part.type)).toEqual(['text/plain', 'text/html']);
    expect(payload.tracking_settings?.click_tracking).toEqual({ enable: false, enable_text: false });
    expect(payload.custom_args?.job_id).toMatch(/^job_[0-9a-f]{24}$/);
    for (const part of payload.content ?? []) expect(part.value).toContain('/reset#token=');
    expect(remote.sendgridRequests[0]?.headers.get('authorization')).toBe('Bearer SG.test');
  });

  it('uses the client’s SendGrid dynamic template for its locale, when it registered one', async () => {
    const templateId = `d-${'a'.repeat(32)}`;
    const client = await registerClient(server.composed, server.url, {
      name: 'Templated',
      mailTemplateIds: { 'password-reset.nl': templateId },
    });
    const dutch = await newUser(server);
    await trpcClientFor(server.url, client.accessToken).passwordReset.request.mutate({ email: dutch, locale: 'nl' });
    const english = await newUser(server);
    await trpcClientFor(server.url, client.accessToken).passwordReset.request.mutate({ email: english, locale: 'en' });
    await waitForQueueToDrain(server.composed);
    const [templated, ours] = remote.acceptedMails().map((mail) => sendGridMailSendSchema.parse(mail));
    expect(templated?.template_id).toBe(templateId);
    expect(templated?.content).toBeUndefined();
    expect(templated?.personalizations[0]?.dynamic_template_data).toMatchObject({
      applicationName: 'Templated',
      locale: 'nl',
      resetLink: expect.stringContaining('#token='),
    });
    expect(templated?.tracking_settings?.click_tracking?.enable).toBe(false);
    expect(ours?.template_id).toBeUndefined();
    expect(ours?.subject).toContain('Templated');
  });

  it('uses the client’s template for a code mail too, with the code in its data', async () => {
    const templateId = `d-${'c'.repeat(32)}`;
    const client = await registerClient(server.composed, server.url, {
      name: 'Templated Codes',
      mailTemplateIds: { 'reset-code.en': templateId },
    });
    const email = await newUser(server);
    await trpcClientFor(server.url, client.accessToken).passwordReset.request.mutate({ email, method: 'code' });
    await waitForQueueToDrain(server.composed);
    const [templated] = remote.acceptedMails().map((mail) => sendGridMailSendSchema.parse(mail));
    expect(templated?.template_id).toBe(templateId);
    expect(templated?.content).toBeUndefined();
    expect(templated?.personalizations[0]?.dynamic_template_data).toMatchObject({
      applicationName: 'Templated Codes',
      code: expect.stringMatching(/^\d{8}$/),
      expiresAt: expect.any(String),
    });
  });

  it('retries 500s and delivers the mail exactly once, with a link that works', async () => {
    remote.answerSendGrid((attempt) => new HttpResponse(null, { status: attempt <= 2 ? 500 : 202 }));
    const email = await newUser(server);
    await server.trpc.passwordReset.request.mutate({ email });
    await waitForQueueToDrain(server.composed);
    expect(remote.sendgridRequests.map((request) => request.status)).toEqual([500, 500, 202]);
    const jobIds = remote.sendgridRequests.map(
      (request) => (JSON.parse(request.body) as { custom_args: { job_id: string } }).custom_args.job_id,
    );
    expect(new Set(jobIds).size).toBe(1);
    const delivered = secretIn(remote.acceptedMails()[0]!);
    await expect(server.publicTrpc.passwordReset.inspect.mutate({ token: delivered! })).resolves.toMatchObject({
      maskedEmail: expect.any(String),
    });
    // The secrets of the failed attempts never reached anyone, and are dead.
    const undelivered = secretIn(JSON.parse(remote.sendgridRequests[0]!.body));
    await expect(server.publicTrpc.passwordReset.inspect.mutate({ token: undelivered! })).rejects.toMatchObject({
      data: { resetCode: 'TOKEN_SUPERSEDED' },
    });
  });

  it('waits at least as long as a 429’s Retry-After', async () => {
    remote.answerSendGrid((attempt) =>
      attempt === 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } }) : new HttpResponse(null, { status: 202 }),
    );
    await server.trpc.passwordReset.request.mutate({ email: await newUser(server) });
    await waitForQueueToDrain(server.composed);
    const [first, second] = remote.sendgridRequests;
    expect([first?.status, second?.status]).toEqual([429, 202]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('parks a mail SendGrid refuses with a 400 after one attempt; `mail retry` sends it', async () => {
    remote.answerSendGrid(() => HttpResponse.json({ errors: [{ message: 'bad' }] }, { status: 400 }));
    await server.trpc.passwordReset.request.mutate({ email: await newUser(server) });
    await waitForQueueToDrain(server.composed);
    expect(remote.sendgridRequests).toHaveLength(1);
    const [parked] = await server.composed.jobs.queue.getFailed();
    expect(parked?.failedReason).toContain('400');
    expect(parked?.attemptsMade).toBe(1);

    remote.answerSendGrid(() => new HttpResponse(null, { status: 202 }));
    const context = createCliContext(server.config);
    try {
      expect(await retryParkedMail(context, [parked!.id!, '--json'])).toBe(0);
    } finally {
      await context.close();
    }
    await until(async () => (await server.composed.jobs.queue.getFailed()).length === 0 && remote.acceptedMails().length === 1);
  });

  it('parks a job whose earlier attempt died mid-send instead of sending it twice', async () => {
    await server.stopWorker();
    await server.trpc.passwordReset.request.mutate({ email: await newUser(server) });
    await intakeMoved(server.composed);
    const [waiting] = await server.composed.jobs.queue.getWaiting();
    await server.redis.set(`pwreset:delivery:{${waiting!.id}}`, 'sending');
    // The earlier attempt's start, as BullMQ counts it (a first start has no record to read: see mayHaveRunBefore).
    await server.redis.hincrby(server.composed.jobs.queue.toKey(waiting!.id!), 'ats', 1);
    server.startWorker();
    await waitForQueueToDrain(server.composed);
    expect(remote.sendgridRequests).toHaveLength(0);
    const parked = await server.composed.jobs.queue.getFailed();
    expect(parked.find((job) => job.id === waiting!.id)?.failedReason).toMatch(/earlier attempt/);
    await server.composed.jobs.queue.clean(0, 1000, 'failed');
  });

  it('skips a job whose mail was already delivered by an earlier attempt', async () => {
    await server.stopWorker();
    await server.trpc.passwordReset.request.mutate({ email: await newUser(server) });
    await intakeMoved(server.composed);
    const [waiting] = await server.composed.jobs.queue.getWaiting();
    await server.redis.set(`pwreset:delivery:{${waiting!.id}}`, 'delivered');
    // The earlier attempt's start, as BullMQ counts it (a first start has no record to read: see mayHaveRunBefore).
    await server.redis.hincrby(server.composed.jobs.queue.toKey(waiting!.id!), 'ats', 1);
    server.startWorker();
    await waitForQueueToDrain(server.composed);
    expect(remote.sendgridRequests).toHaveLength(0);
    expect(await server.composed.jobs.queue.getFailedCount()).toBe(0);
  });

  it('drops a reset mail whose secret was superseded before its retry', async () => {
    const email = await newUser(server);
    // The first attempt is told to come back in 2 s; meanwhile a second request is mailed.
    remote.answerSendGrid((attempt) =>
      attempt === 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '2' } }) : new HttpResponse(null, { status: 202 }),
    );
    await server.trpc.passwordReset.request.mutate({ email });
    await until(() => remote.sendgridRequests.length >= 1);
    await server.trpc.passwordReset.request.mutate({ email });
    await waitForQueueToDrain(server.composed);
    // The first job's secret was killed by the second request: its retry sends nothing.
    expect(remote.sendgridRequests.map((request) => request.status)).toEqual([429, 202]);
    expect(remote.acceptedMails()).toHaveLength(1);
  });
});

describe('a queue that outlives workers and SendGrid outages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(viaSendGrid({ MAIL_RETRY_BASE_DELAY: '1', RESET_TOKEN_TTL: '2s' }));
  });
  afterAll(async () => {
    await server.close();
  });

  it('loses nothing when the worker is restarted mid-retry', async () => {
    remote.answerSendGrid(() => new HttpResponse(null, { status: 503 }));
    await server.trpc.passwordReset.request.mutate({ email: await newUser(server) });
    await until(() => remote.sendgridRequests.length >= 1);
    await server.stopWorker();
    expect(await server.composed.jobs.queue.getDelayedCount()).toBe(1);
    remote.answerSendGrid(() => new HttpResponse(null, { status: 202 }));
    server.startWorker();
    await waitForQueueToDrain(server.composed);
    expect(remote.acceptedMails()).toHaveLength(1);
  });

  it('drops a reset mail whose link would already have expired by its retry', async () => {
    remote.answerSendGrid((attempt) => new HttpResponse(null, { status: attempt === 1 ? 500 : 202 }));
    await server.stopWorker();
    await server.trpc.passwordReset.request.mutate({ email: await newUser(server) });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    server.startWorker();
    await waitForQueueToDrain(server.composed);
    expect(remote.acceptedMails()).toHaveLength(0);
    expect(remote.sendgridRequests).toHaveLength(0);
  });
});

describe('signed webhooks', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAIL_RETRY_BASE_DELAY: '0' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('POSTs password_reset.completed, signed with the client secret, retried until accepted, once', async () => {
    remote.answerWebhooks((attempt) => new HttpResponse(null, { status: attempt === 1 ? 503 : 204 }));
    const client = await registerClient(server.composed, server.url, { name: 'Hooked', webhookUrl: WEBHOOK_TEST_URL });
    const email = await newUser(server);
    await trpcClientFor(server.url, client.accessToken).passwordReset.request.mutate({ email });
    const [mail] = (await server.mails()).filter((candidate) => candidate.to === email);
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    await server.publicTrpc.passwordReset.complete.mutate({ token, password: 'webhook-tested-passphrase' });
    await waitForQueueToDrain(server.composed);

    expect(remote.webhookRequests.map((request) => request.status)).toEqual([503, 204]);
    const [, delivered] = remote.webhookRequests;
    expect(delivered!.headers.get('idempotency-key')).toBe(remote.webhookRequests[0]!.headers.get('idempotency-key'));
    const signatureHeader = delivered!.headers.get('reset-signature');
    const verified = await verifyWebhookSignature({ body: delivered!.body, signatureHeader, clientSecret: client.clientSecret });
    expect(verified).toEqual({
      ok: true,
      event: {
        type: 'password_reset.completed',
        eventId: expect.stringMatching(/^evt_/),
        occurredAt: expect.any(String),
        userId: expect.stringMatching(/^usr_/),
        directory: 'default',
        clientId: client.clientId,
      },
    });

    const tampered = delivered!.body.replace(client.clientId, 'cl_someone_else');
    expect(await verifyWebhookSignature({ body: tampered, signatureHeader, clientSecret: client.clientSecret })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(await verifyWebhookSignature({ body: delivered!.body, signatureHeader, clientSecret: 'pwcs_wrong' })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    const later = () => new Date(Date.now() + 10 * 60_000);
    expect(await verifyWebhookSignature({ body: delivered!.body, signatureHeader, clientSecret: client.clientSecret, now: later })).toEqual(
      {
        ok: false,
        reason: 'TIMESTAMP_OUT_OF_TOLERANCE',
      },
    );
    expect(await verifyWebhookSignature({ body: delivered!.body, signatureHeader: null, clientSecret: client.clientSecret })).toEqual({
      ok: false,
      reason: 'MISSING_SIGNATURE',
    });
  });

  it('sends no webhook for a client without a webhook URL', async () => {
    const email = await newUser(server);
    await server.trpc.passwordReset.request.mutate({ email });
    const [mail] = (await server.mails()).filter((candidate) => candidate.to === email);
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
    await server.publicTrpc.passwordReset.complete.mutate({ token, password: 'no-hook-passphrase' });
    await waitForQueueToDrain(server.composed);
    expect(remote.webhookRequests).toHaveLength(0);
  });
});
