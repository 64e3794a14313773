import { verifyWebhookSignature } from '@pwreset/client/webhooks';
import type { AppRouter } from '@pwreset/contract/router';
import { TRPCClientError, type TRPCClient } from '@trpc/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEmailHash } from '../src/audit/redis-audit-log.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { fakeRemoteServices, WEBHOOK_TEST_URL } from './support/fake-remote-services.js';
import { recordRedisCommands } from './support/redis-command-recorder.js';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';
import { registerClient, secretFromMail, startTestServer, trpcClientFor, waitForQueueToDrain } from './support/test-server.js';

// "This wasn't me" (issue 16 point 1) against the real server over HTTP, its mail worker, a private
// Redis and the built CLI: the dispute link of the "password changed" mail, passwordReset.dispute,
// its webhook, and the reset lock it sets on every mail that would start a reset.

const remote = fakeRemoteServices();
beforeAll(() => remote.listen());
afterEach(() => remote.reset());
afterAll(() => remote.close());

const NEW_PASSWORD = 'a-brand-new-passphrase';
const DISPUTE_LINK = /\/secure#token=([A-Za-z0-9_-]{43})/;

async function refusalOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => new Error('expected a refusal, but the call succeeded'),
    (caught: unknown) => caught,
  );
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.resetCode : String(error);
}

describe('passwordReset.dispute over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let app: TRPCClient<AppRouter>;
  let client: Awaited<ReturnType<typeof registerClient>>;
  let userCount = 0;

  beforeAll(async () => {
    server = await startTestServer({ DISPUTE_LOCK: '1h' });
    client = await registerClient(server.composed, server.url, { name: 'Hooked Shop', webhookUrl: WEBHOOK_TEST_URL });
    app = trpcClientFor(server.url, client.accessToken);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function mailsTo(email: string, kind?: string) {
    return (await server.mails()).filter((mail) => mail.to === email && (kind === undefined || mail.kind === kind));
  }

  async function resetSecretFor(email: string): Promise<string> {
    await app.passwordReset.request.mutate({ email });
    const mail = (await mailsTo(email, 'password-reset')).at(-1);
    if (!mail) throw new Error(`no reset mail to ${email}`);
    return secretFromMail(mail);
  }

  /** A user whose password was reset: the dispute secret of the "password changed" mail, and an outstanding reset secret. */
  async function changedUser() {
    userCount += 1;
    const email = `disputer${userCount}@example.com`;
    const created = await server.users.createUser({ email, password: 'original-password-1', name: 'Dana' });
    if (!created.created) throw new Error('user exists');
    await server.publicTrpc.passwordReset.complete.mutate({ token: await resetSecretFor(email), password: NEW_PASSWORD });
    const changed = (await mailsTo(email, 'password-changed')).at(-1);
    const disputeSecret = changed ? DISPUTE_LINK.exec(changed.text)?.[1] : undefined;
    if (!changed || !disputeSecret) throw new Error('no dispute link in the password-changed mail');
    return { email, userId: created.userId, disputeSecret, changedMail: changed };
  }

  async function auditEntries(): Promise<Record<string, string>[]> {
    const stream = await server.redis.xrange(redisKeys(server.config.redisKeyPrefix).auditStream(), '-', '+');
    return stream.map(([, flat]) => {
      const entry: Record<string, string> = {};
      for (let index = 0; index + 1 < flat.length; index += 2) entry[flat[index]!] = flat[index + 1]!;
      return entry;
    });
  }

  it('mails the dispute link to our /secure page, its secret in the fragment, under PUBLIC_BASE_URL', async () => {
    const { changedMail, disputeSecret } = await changedUser();
    expect(changedMail.text).toContain(`${server.config.publicBaseUrl}/secure#token=${disputeSecret}`);
    expect(changedMail.html).toContain(`href="${server.config.publicBaseUrl}/secure#token=${disputeSecret}"`);
    // Only a keyed hash is kept.
    const keys = await server.redis.keys('*');
    expect(keys.join('\n')).not.toContain(disputeSecret);
    expect(keys).toContain(redisKeys(server.config.redisKeyPrefix).dispute(server.config.keyRing.digestOfStamped(disputeSecret)));
  });

  it('secures the account: outstanding links die, a signed password_reset.disputed webhook goes out, the audit records it', async () => {
    const { email, userId, disputeSecret } = await changedUser();
    const outstanding = await resetSecretFor(email);
    remote.reset();
    const before = Date.now();

    const answer = await server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret });
    expect(answer.disputed).toBe(true);
    const lockedForMs = new Date(answer.lockedUntil).getTime() - before;
    expect(lockedForMs).toBeGreaterThan(3_590_000);
    expect(lockedForMs).toBeLessThanOrEqual(3_610_000);
    expect(await refusalOf(server.publicTrpc.passwordReset.inspect.mutate({ token: outstanding }))).toBe('TOKEN_SUPERSEDED');

    await waitForQueueToDrain(server.composed);
    const hooks = remote.webhookRequests.filter((request) => request.body.includes('password_reset.disputed'));
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    const verified = await verifyWebhookSignature({
      body: hook!.body,
      signatureHeader: hook!.headers.get('reset-signature'),
      clientSecret: client.clientSecret,
    });
    expect(verified).toEqual({
      ok: true,
      event: {
        type: 'password_reset.disputed',
        eventId: expect.stringMatching(/^evt_/),
        occurredAt: expect.any(String),
        userId,
        directory: 'default',
        clientId: client.clientId,
        changedAt: expect.any(String),
        disputedAt: expect.any(String),
      },
    });
    const event = verified.ok ? verified.event : null;
    expect(event?.type === 'password_reset.disputed' && new Date(event.changedAt) <= new Date(event.disputedAt)).toBe(true);
    const tampered = hook!.body.replace(userId, 'usr_someone_else');
    expect(
      await verifyWebhookSignature({
        body: tampered,
        signatureHeader: hook!.headers.get('reset-signature'),
        clientSecret: client.clientSecret,
      }),
    ).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });

    expect((await auditEntries()).filter((entry) => entry.action === 'dispute' && entry.userId === userId)).toMatchObject([
      { outcome: 'disputed', clientId: client.clientId, directory: 'default' },
    ]);
  });

  it('works once: a second click is told the link was used', async () => {
    const { disputeSecret } = await changedUser();
    await server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret });
    expect(await refusalOf(server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret }))).toBe('TOKEN_USED');
  });

  it('refuses a dispute secret in inspect and complete, and a reset secret in dispute, changing nothing', async () => {
    const { email, disputeSecret } = await changedUser();
    expect(await refusalOf(server.publicTrpc.passwordReset.inspect.mutate({ token: disputeSecret }))).toBe('TOKEN_INVALID');
    expect(
      await refusalOf(server.publicTrpc.passwordReset.complete.mutate({ token: disputeSecret, password: 'another-passphrase-9' })),
    ).toBe('TOKEN_INVALID');
    const resetSecret = await resetSecretFor(email);
    expect(await refusalOf(server.publicTrpc.passwordReset.dispute.mutate({ token: resetSecret }))).toBe('TOKEN_INVALID');
    // Neither refusal used up the other secret.
    expect(await server.publicTrpc.passwordReset.inspect.mutate({ token: resetSecret })).toMatchObject({ applicationName: 'Hooked Shop' });
    expect(await server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret })).toMatchObject({ disputed: true });
  });

  it('refuses a dispute link once its 7 days are over', async () => {
    const { disputeSecret } = await changedUser();
    // Seven days cannot pass in a test: the record's expiry is moved back instead, as time would.
    const key = redisKeys(server.config.redisKeyPrefix).dispute(server.config.keyRing.digestOfStamped(disputeSecret));
    const expiresAt = Number(await server.redis.hget(key, 'expiresAt'));
    const changedAt = Number(await server.redis.hget(key, 'changedAt'));
    expect(expiresAt - changedAt).toBe(7 * 86_400_000);
    await server.redis.hset(key, 'expiresAt', Date.now() - 1);
    expect(await refusalOf(server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret }))).toBe('TOKEN_EXPIRED');
  });

  it('is a POST only: a GET of the procedure with the secret in its URL is refused and changes nothing', async () => {
    const { userId, disputeSecret } = await changedUser();
    const input = encodeURIComponent(JSON.stringify({ token: disputeSecret }));
    const response = await fetch(`${server.url}/trpc/passwordReset.dispute?input=${input}`);
    expect(response.status).toBe(405);
    const lockKey = redisKeys(server.config.redisKeyPrefix).userDisputeLock({ directory: 'default', userId });
    expect(await server.redis.get(lockKey)).toBeNull();
    expect(await server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret })).toMatchObject({ disputed: true });
    expect(await server.redis.get(lockKey)).not.toBeNull();
  });

  it('refuses a malformed secret as invalid input', async () => {
    expect(await refusalOf(server.publicTrpc.passwordReset.dispute.mutate({ token: '' }))).toBe('INVALID_INPUT');
    expect(await refusalOf(server.publicTrpc.passwordReset.dispute.mutate({ token: 'not-a-secret' }))).toBe('TOKEN_INVALID');
  });

  it('answers a locked address as any other, and mails it neither a link nor a code; the worker audits the skips', async () => {
    const { email, userId, disputeSecret } = await changedUser();
    await server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret });
    const sentBefore = (await mailsTo(email)).length;

    const unknown = 'nobody-at-all@example.com';
    expect(await app.passwordReset.request.mutate({ email })).toEqual(await app.passwordReset.request.mutate({ email: unknown }));
    const codeAnswer = await app.passwordReset.request.mutate({ email, method: 'code' });
    const unknownCodeAnswer = await app.passwordReset.request.mutate({ email: unknown, method: 'code' });
    expect(Object.keys(codeAnswer).sort()).toEqual(Object.keys(unknownCodeAnswer).sort());
    expect(codeAnswer).toMatchObject({ accepted: true, flowId: expect.any(String) });

    expect(await mailsTo(email)).toHaveLength(sentBefore);
    // The address's mail jobs: the reset before the change, then one skip for the link and one for
    // the code, each naming the address (by its keyed hash).
    const emailHash = auditEmailHash(server.config.keyRing, email);
    const mailJobs = (await auditEntries()).filter((entry) => entry.action === 'mail' && entry.emailHash === emailHash);
    expect(mailJobs.map((entry) => entry.outcome)).toEqual(['mail-sent', 'dispute-locked', 'dispute-locked']);
    expect((await auditEntries()).filter((entry) => entry.userId === userId && entry.action === 'dispute')).toHaveLength(1);
  });

  it('does the same Redis work answering a locked address as one of the same history that is not locked', async () => {
    // The lock is looked up only by the job, after the answer: the request path never reads it.
    const locked = await changedUser();
    const unlocked = await changedUser();
    await server.publicTrpc.passwordReset.dispute.mutate({ token: locked.disputeSecret });
    await waitForQueueToDrain(server.composed);
    const url = server.privateRedis.url;
    if (url === null) throw new Error('MONITOR needs a single Redis node');
    const recorder = await recordRedisCommands(url);
    // Without the worker and the intake's mover, only the request's own commands run while it is answered.
    await server.stopWorker();
    await server.stopIntakeMover();
    try {
      const lockedWork = await recorder.commandsOf(() => app.passwordReset.request.mutate({ email: locked.email }));
      const unlockedWork = await recorder.commandsOf(() => app.passwordReset.request.mutate({ email: unlocked.email }));
      expect(lockedWork.length).toBeGreaterThan(0);
      expect(lockedWork).toEqual(unlockedWork);
      expect(lockedWork.join('\n')).not.toContain('dispute');
    } finally {
      recorder.close();
      server.startIntakeMover();
      server.startWorker();
    }
    await waitForQueueToDrain(server.composed);
  });

  it('is lifted, audited, by an operator’s `resets start`, whose mail then leaves', async () => {
    const { email, userId, disputeSecret } = await changedUser();
    const answer = await server.publicTrpc.passwordReset.dispute.mutate({ token: disputeSecret });
    const environment = { ...server.privateRedis.environment, NODE_ENV: 'test' };
    const listed = await runToCompletion(BUILT_CLI, ['resets', 'list', '--email', email, '--json'], environment);
    expect(JSON.parse(listed.stdout)).toEqual({ directory: 'default', userId, links: [], disputeLockedUntil: answer.lockedUntil });
    expect((await runToCompletion(BUILT_CLI, ['resets', 'list', '--email', email], environment)).stdout).toContain(
      `disputed: no reset mail until ${answer.lockedUntil}`,
    );
    const started = await runToCompletion(
      BUILT_CLI,
      ['resets', 'start', '--client', client.clientId, '--email', email, '--json'],
      environment,
    );
    expect(started.code, started.stderr).toBe(0);
    const lifted = (await auditEntries()).filter((entry) => entry.action === 'dispute' && entry.outcome === 'lock-lifted');
    expect(lifted).toMatchObject([{ reason: 'admin-start', actor: 'cli', userId, directory: 'default' }]);
    const resetMails = await mailsTo(email, 'password-reset');
    expect(resetMails.length).toBeGreaterThan(0);
    // The last one is the operator's: its link works.
    const secret = secretFromMail(resetMails.at(-1)!);
    expect(await server.publicTrpc.passwordReset.inspect.mutate({ token: secret })).toMatchObject({ applicationName: 'Hooked Shop' });
    expect(
      JSON.parse((await runToCompletion(BUILT_CLI, ['resets', 'list', '--email', email, '--json'], environment)).stdout),
    ).not.toHaveProperty('disputeLockedUntil');
    // And a user's own request mails again.
    await app.passwordReset.request.mutate({ email });
    expect(await mailsTo(email, 'password-reset')).toHaveLength(resetMails.length + 1);
  });
});

describe('a dispute lock at DISPUTE_LOCK', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    server = await startTestServer({ DISPUTE_LOCK: '1' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs out: reset mails leave again', async () => {
    const email = 'short-lock@example.com';
    await server.users.createUser({ email, password: 'original-password-1' });
    await server.trpc.passwordReset.request.mutate({ email });
    const [resetMail] = (await server.mails()).filter((mail) => mail.to === email);
    await server.publicTrpc.passwordReset.complete.mutate({ token: secretFromMail(resetMail!), password: NEW_PASSWORD });
    const changed = (await server.mails()).find((mail) => mail.to === email && mail.kind === 'password-changed');
    await server.publicTrpc.passwordReset.dispute.mutate({ token: DISPUTE_LINK.exec(changed!.text)![1]! });

    await server.trpc.passwordReset.request.mutate({ email });
    expect((await server.mails()).filter((mail) => mail.to === email && mail.kind === 'password-reset')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await server.trpc.passwordReset.request.mutate({ email });
    expect((await server.mails()).filter((mail) => mail.to === email && mail.kind === 'password-reset')).toHaveLength(2);
  });
});
