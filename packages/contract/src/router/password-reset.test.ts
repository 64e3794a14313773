import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import { describe, expect, it } from 'vitest';
import type { ResetClient, UserRef } from '../engine/ports.js';
import { appRouter } from './index.js';
import {
  createInMemoryResetPorts,
  resetErrorOf,
  resetSecretFromMail,
  runQueuedJobs,
  testResetApiContext,
  testResetClient,
  type InMemoryResetPortsOptions,
} from '../testing/index.js';

// The engine's rules through the tRPC procedures, over in-memory ports: no Redis, no HTTP, milliseconds.

const shopUrl = 'https://shop.example.com/account/reset';

async function world(options: InMemoryResetPortsOptions & { client?: Partial<ResetClient> } = {}) {
  const ports = createInMemoryResetPorts(options);
  const client = testResetClient({
    id: 'cl_shop',
    name: 'Acme Shop',
    resetUrls: [shopUrl, 'http://localhost:3000/reset'],
    ...options.client,
  });
  ports.clients.register(client);
  const added = await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'current passphrase', name: 'Jane' });
  if (!added.created) throw new Error('jane exists');
  const app = appRouter.createCaller(testResetApiContext(ports, { client }));
  const page = appRouter.createCaller(testResetApiContext(ports));
  /** Asks for a reset of `email`, runs the mail job, and returns the secret mailed to it. */
  async function secretFor(email = 'jane@example.com'): Promise<string> {
    await app.passwordReset.request({ email });
    await runQueuedJobs(ports, ports.jobs);
    return resetSecretFromMail(
      ports.mail
        .sentTo(email)
        .filter((mail) => mail.kind === 'password-reset')
        .at(-1),
    );
  }
  return { ports, client, app, page, userId: added.userId, secretFor };
}

describe('passwordReset.request', () => {
  it('answers the same for a known, an unknown, a disabled and a throttled address, and mails only the known one', async () => {
    const { ports, app } = await world({ limits: { requestsPerAddress: { points: 1, durationSeconds: 3600 } } });
    const disabled = await ports.users.named('default').addUser({ email: 'gone@example.com', password: 'current passphrase' });
    if (disabled.created) await ports.users.named('default').setDisabled(disabled.userId, true);
    const answers = [];
    for (const email of ['jane@example.com', 'nobody@example.com', 'gone@example.com', 'jane@example.com'])
      answers.push(await app.passwordReset.request({ email }));
    expect(answers).toEqual(Array.from({ length: 4 }, () => ({ accepted: true })));
    // Every address but the throttled repeat is queued: the lookup happens in the job, after the answer.
    expect(ports.jobs.queued.map((job) => ('email' in job ? job.email : ''))).toEqual([
      'jane@example.com',
      'nobody@example.com',
      'gone@example.com',
    ]);
    const outcomes = (await runQueuedJobs(ports, ports.jobs)).map((ran) => ran.outcome);
    expect(outcomes).toEqual(['mail-sent', 'no-account', 'account-disabled']);
    expect(ports.mail.sent.map(({ mail }) => mail.to)).toEqual(['jane@example.com']);
    expect(ports.audit.entries.map((entry) => entry.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'throttled']);
  });

  it('points the link at a reset URL on the client’s list, and refuses any other, sending nothing', async () => {
    const { ports, app } = await world();
    await app.passwordReset.request({ email: 'jane@example.com', resetUrl: 'http://localhost:3000/reset' });
    expect(
      await resetErrorOf(app.passwordReset.request({ email: 'jane@example.com', resetUrl: 'https://evil.example.com/reset' })),
    ).toMatchObject({
      resetCode: 'RESET_URL_NOT_ALLOWED',
      httpStatus: 400,
    });
    expect(await resetErrorOf(app.passwordReset.request({ email: 'jane@example.com', resetUrl: `${shopUrl}/` }))).toMatchObject({
      resetCode: 'RESET_URL_NOT_ALLOWED',
    });
    expect(ports.jobs.queued).toHaveLength(1);
    await runQueuedJobs(ports, ports.jobs);
    const [mail] = ports.mail.sentTo('jane@example.com');
    expect(mail?.kind === 'password-reset' && mail.resetLink.startsWith('http://localhost:3000/reset#token=')).toBe(true);
    await app.passwordReset.request({ email: 'jane@example.com' });
    await runQueuedJobs(ports, ports.jobs);
    const second = ports.mail.sentTo('jane@example.com')[1];
    expect(second?.kind === 'password-reset' && second.resetLink.startsWith(`${shopUrl}#token=`)).toBe(true);
  });

  it('needs an authenticated application', async () => {
    const { page, ports } = await world();
    expect(await resetErrorOf(page.passwordReset.request({ email: 'jane@example.com' }))).toMatchObject({
      resetCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
    expect(ports.jobs.queued).toEqual([]);
  });

  it('fails closed with 503 when the throttles cannot be reached, queueing nothing', async () => {
    const { app, ports } = await world();
    ports.limits.setUnavailable(true);
    expect(await resetErrorOf(app.passwordReset.request({ email: 'jane@example.com' }))).toMatchObject({
      resetCode: 'SERVICE_UNAVAILABLE',
      httpStatus: 503,
    });
    expect(ports.jobs.queued).toEqual([]);
  });
});

describe('passwordReset.inspect', () => {
  it('describes a live link without consuming it, however often it is asked', async () => {
    const { page, secretFor, ports } = await world({ client: { passwordPolicy: { minLength: 10, maxLength: 128 } } });
    const token = await secretFor();
    const expected = {
      expiresAt: new Date(ports.clock.now().getTime() + 86_400_000).toISOString(),
      maskedEmail: 'j***@example.com',
      applicationName: 'Acme Shop',
      policy: expect.objectContaining({ minLength: 10 }),
    };
    for (let time = 0; time < 3; time += 1) expect(await page.passwordReset.inspect({ token })).toEqual(expected);
    expect(await page.passwordReset.complete({ token, password: 'a brand new passphrase' })).toEqual({ completed: true });
  });

  it('tells an unknown, a malformed and an expired link apart from a live one', async () => {
    const { page, secretFor, ports } = await world();
    const token = await secretFor();
    expect(await resetErrorOf(page.passwordReset.inspect({ token: 'A'.repeat(43) }))).toMatchObject({ resetCode: 'TOKEN_INVALID' });
    expect(await resetErrorOf(page.passwordReset.inspect({ token: 'not a secret' }))).toMatchObject({ resetCode: 'TOKEN_INVALID' });
    ports.clock.advanceSeconds(86_400);
    expect(await resetErrorOf(page.passwordReset.inspect({ token }))).toMatchObject({ resetCode: 'TOKEN_EXPIRED' });
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'a brand new passphrase' }))).toMatchObject({
      resetCode: 'TOKEN_EXPIRED',
    });
  });

  it('answers 429 with when to retry once an IP has used up its secret attempts', async () => {
    const { page, secretFor } = await world({ limits: { secretAttemptsPerIp: { points: 2, durationSeconds: 900 } } });
    const token = await secretFor();
    await page.passwordReset.inspect({ token });
    await page.passwordReset.inspect({ token });
    expect(await resetErrorOf(page.passwordReset.inspect({ token }))).toMatchObject({
      resetCode: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      retryAfterSeconds: 900,
    });
  });
});

describe('passwordReset.complete', () => {
  it('checks the policy before consuming: a refused password leaves the link working', async () => {
    const { page, secretFor, ports, userId } = await world();
    const token = await secretFor();
    for (const [password, reasons] of [
      ['short', ['TOO_SHORT']],
      ['password1', ['COMMON']],
      ['acme shop forever', ['CONTEXTUAL']],
      ['current passphrase', ['REUSED']],
    ] as const) {
      expect(await resetErrorOf(page.passwordReset.complete({ token, password })), password).toMatchObject({
        resetCode: 'PASSWORD_REJECTED',
        httpStatus: 422,
        reasons,
      });
    }
    expect(await ports.users.named('default').verifyPassword(userId, 'current passphrase')).toBe(true);
    expect(await page.passwordReset.complete({ token, password: 'a brand new passphrase' })).toEqual({ completed: true });
    expect(await ports.users.named('default').verifyPassword(userId, 'a brand new passphrase')).toBe(true);
  });

  it('checks REUSED against the password read with the account, and asks verifyPassword only of a directory that reads them apart', async () => {
    const { page, secretFor, ports } = await world();
    const directory = ports.users.named('default');
    let verifications = 0;
    const verify = directory.verifyPassword.bind(directory);
    directory.verifyPassword = (userId, password) => {
      verifications += 1;
      return verify(userId, password);
    };
    const token = await secretFor();
    const reused = { resetCode: 'PASSWORD_REJECTED', reasons: ['REUSED'] };
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'current passphrase' }))).toMatchObject(reused);
    expect(verifications).toBe(0);
    // A directory with findById and verifyPassword alone (an application's store) is asked both.
    delete (directory as { findByIdWithPasswordCheck?: unknown }).findByIdWithPasswordCheck;
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'current passphrase' }))).toMatchObject(reused);
    expect(verifications).toBe(1);
    expect(await page.passwordReset.complete({ token, password: 'a brand new passphrase' })).toEqual({ completed: true });
  });

  it('locks the link after the configured number of refused passwords', async () => {
    const { page, secretFor } = await world({ limits: { maxFailedAttemptsPerSecret: 3 } });
    const token = await secretFor();
    for (let refusal = 0; refusal < 3; refusal += 1) {
      expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'short' }))).toMatchObject({
        resetCode: 'PASSWORD_REJECTED',
      });
    }
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'a brand new passphrase' }))).toMatchObject({
      resetCode: 'TOKEN_LOCKED',
    });
    expect(await resetErrorOf(page.passwordReset.inspect({ token }))).toMatchObject({ resetCode: 'TOKEN_LOCKED' });
  });

  it('kills the older link when a newer one is requested', async () => {
    const { page, secretFor } = await world();
    const older = await secretFor();
    const newer = await secretFor();
    expect(await resetErrorOf(page.passwordReset.complete({ token: older, password: 'a brand new passphrase' }))).toMatchObject({
      resetCode: 'TOKEN_SUPERSEDED',
    });
    expect(await page.passwordReset.complete({ token: newer, password: 'a brand new passphrase' })).toEqual({ completed: true });
  });

  it('uses the link once, revokes the user’s other secrets, mails "password changed" and tells the application', async () => {
    const { page, secretFor, ports, userId } = await world({ client: { webhookUrl: 'https://shop.example.com/hooks' } });
    const revoked: UserRef[] = [];
    const revokeAllForUser = ports.tokens.revokeAllForUser;
    const tokens = { ...ports.tokens, revokeAllForUser: (user: UserRef) => (revoked.push(user), revokeAllForUser(user)) };
    const caller = appRouter.createCaller(testResetApiContext({ ...ports, tokens }));
    const token = await secretFor();
    expect(await caller.passwordReset.complete({ token, password: 'a brand new passphrase' })).toEqual({ completed: true });
    expect(revoked).toEqual([{ directory: 'default', userId }]);
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'another new passphrase' }))).toMatchObject({
      resetCode: 'TOKEN_USED',
    });
    expect(await runQueuedJobs(ports, ports.jobs)).toEqual([
      expect.objectContaining({ outcome: 'mail-sent', job: expect.objectContaining({ type: 'password-changed', userId }) }),
      expect.objectContaining({ outcome: 'webhook-sent' }),
    ]);
    expect(ports.mail.sentTo('jane@example.com').map((mail) => mail.kind)).toEqual(['password-reset', 'password-changed']);
    expect(ports.webhooks.delivered).toEqual([
      expect.objectContaining({ clientId: 'cl_shop', event: expect.objectContaining({ type: 'password_reset.completed', userId }) }),
    ]);
  });

  it('records the completion with its revocations, not after them: a revocation that fails leaves the change audited', async () => {
    const { secretFor, ports, userId } = await world();
    const failing = { ...ports.tokens, revokeAllForUser: () => Promise.reject(new DependencyUnavailableError('redis')) };
    const caller = appRouter.createCaller(testResetApiContext({ ...ports, tokens: failing }));
    const token = await secretFor();
    await expect(caller.passwordReset.complete({ token, password: 'a brand new passphrase' })).rejects.toThrow();
    expect(await ports.users.named('default').verifyPassword(userId, 'a brand new passphrase')).toBe(true);
    expect(ports.audit.entries).toContainEqual(expect.objectContaining({ action: 'complete', outcome: 'completed', userId }));
  });

  it('lets exactly one of 20 concurrent completions with one secret succeed', async () => {
    const { page, secretFor, ports, userId } = await world();
    const token = await secretFor();
    const passwords = Array.from({ length: 20 }, (_, index) => `concurrent passphrase ${index}`);
    const results = await Promise.allSettled(passwords.map((password) => page.passwordReset.complete({ token, password })));
    const winners = passwords.filter((_, index) => results[index]?.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const losers = await Promise.all(
      results.filter((result) => result.status === 'rejected').map((result) => resetErrorOf(Promise.reject(result.reason))),
    );
    expect(losers.map((error) => error.resetCode)).toEqual(Array.from({ length: 19 }, () => 'TOKEN_USED'));
    expect(await ports.users.named('default').verifyPassword(userId, winners[0] ?? '')).toBe(true);
    expect(ports.jobs.queued.filter((job) => job.type === 'password-changed')).toHaveLength(1);
  });
});

describe('passwordReset.policy', () => {
  it('describes the default policy with every refusal reason', async () => {
    const { page } = await world();
    expect(await page.passwordReset.policy()).toEqual({
      minLength: 8,
      maxLength: 128,
      refusesCommonPasswords: true,
      refusesContextWords: true,
      refusesCurrentPassword: true,
      reasons: ['TOO_SHORT', 'TOO_LONG', 'COMMON', 'CONTEXTUAL', 'REUSED'],
    });
  });
});
