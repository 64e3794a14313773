import { describe, expect, it } from 'vitest';
import { requestLegacyPasswordReset } from '../engine/request-legacy-reset.js';
import { startAdminReset } from '../engine/start-admin-reset.js';
import { DISPUTE_SECRET_LIFETIME_SECONDS } from '../engine/dispute-port.js';
import { ADMIN_SCOPE } from '../admin-schemas.js';
import { passwordResetEventSchema } from '../jobs.js';
import { appRouter } from './index.js';
import {
  createInMemoryResetPorts,
  disputeSecretFromMail,
  resetErrorOf,
  resetSecretFromMail,
  runQueuedJobs,
  TEST_DISPUTE_PAGE_URL,
  testResetApiContext,
  testResetClient,
} from '../testing/index.js';

// "This wasn't me" (issue 16 point 1) through the tRPC procedures, over in-memory ports.

const DAY_SECONDS = 86_400;

async function world() {
  const ports = createInMemoryResetPorts();
  const client = testResetClient({ id: 'cl_shop', name: 'Acme Shop', webhookUrl: 'https://shop.example.com/hooks/reset' });
  ports.clients.register(client);
  const added = await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'current passphrase', name: 'Jane' });
  if (!added.created) throw new Error('jane exists');
  const user = { directory: 'default', userId: added.userId };
  const app = appRouter.createCaller(testResetApiContext(ports, { client }));
  const page = appRouter.createCaller(testResetApiContext(ports));

  /** Asks for a reset link, runs the mail job, and returns the secret mailed. */
  async function resetSecret(): Promise<string> {
    await app.passwordReset.request({ email: 'jane@example.com' });
    await runQueuedJobs(ports, ports.jobs);
    return resetSecretFromMail(ports.mail.sent.filter(({ mail }) => mail.kind === 'password-reset').at(-1)?.mail);
  }

  /** Resets the password through a link and returns the dispute secret of the "password changed" mail. */
  async function disputeSecret(): Promise<string> {
    await page.passwordReset.complete({ token: await resetSecret(), password: 'a brand new passphrase' });
    await runQueuedJobs(ports, ports.jobs);
    return disputeSecretFromMail(ports.mail.sent.filter(({ mail }) => mail.kind === 'password-changed').at(-1)?.mail);
  }

  const mailsOfKind = (kind: string) => ports.mail.sent.filter(({ mail }) => mail.kind === kind);
  return { ports, client, user, app, page, resetSecret, disputeSecret, mailsOfKind };
}

describe('the "password changed" mail', () => {
  it('carries a dispute link to our /secure page with a 256-bit secret in its fragment', async () => {
    const { ports, disputeSecret } = await world();
    const secret = await disputeSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const mail = ports.mail.sent.find((sent) => sent.mail.kind === 'password-changed')?.mail;
    expect(mail?.kind === 'password-changed' ? mail.disputeLink : '').toBe(`${TEST_DISPUTE_PAGE_URL}#token=${secret}`);
  });
});

describe('passwordReset.dispute', () => {
  it('kills the user’s outstanding reset secrets, blocks reset mails, tells the application and audits it', async () => {
    const { ports, client, user, page, resetSecret, disputeSecret } = await world();
    const secret = await disputeSecret();
    const outstanding = await resetSecret();
    ports.webhooks.clear();

    const answer = await page.passwordReset.dispute({ token: secret });
    const lockedUntil = new Date(ports.clock.now().getTime() + DAY_SECONDS * 1000).toISOString();
    expect(answer).toEqual({ disputed: true, lockedUntil });
    expect(await resetErrorOf(page.passwordReset.inspect({ token: outstanding }))).toMatchObject({ resetCode: 'TOKEN_SUPERSEDED' });
    expect(await ports.disputes.resetLockOf(user)).toEqual(new Date(lockedUntil));

    await runQueuedJobs(ports, ports.jobs);
    expect(ports.webhooks.delivered).toHaveLength(1);
    const event = ports.webhooks.delivered[0]?.event;
    expect(passwordResetEventSchema.parse(event)).toMatchObject({
      type: 'password_reset.disputed',
      userId: user.userId,
      directory: 'default',
      clientId: client.id,
      disputedAt: ports.clock.now().toISOString(),
    });
    expect(event && 'changedAt' in event ? typeof event.changedAt : '').toBe('string');
    expect(ports.audit.entries.filter((entry) => entry.action === 'dispute')).toMatchObject([
      { outcome: 'disputed', clientId: client.id, directory: 'default', userId: user.userId },
    ]);
  });

  it('works once: a second click is told the link was used, and tells the application nothing more', async () => {
    const { ports, page, disputeSecret } = await world();
    const secret = await disputeSecret();
    await page.passwordReset.dispute({ token: secret });
    expect(await resetErrorOf(page.passwordReset.dispute({ token: secret }))).toMatchObject({ resetCode: 'TOKEN_USED' });
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.webhooks.delivered.filter(({ event }) => event.type === 'password_reset.disputed')).toHaveLength(1);
  });

  it('of 20 concurrent clicks exactly one disputes', async () => {
    const { ports, page, disputeSecret } = await world();
    const secret = await disputeSecret();
    const settled = await Promise.allSettled(Array.from({ length: 20 }, () => page.passwordReset.dispute({ token: secret })));
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.webhooks.delivered.filter(({ event }) => event.type === 'password_reset.disputed')).toHaveLength(1);
  });

  it('refuses a dispute link after its 7 days', async () => {
    const { ports, user, page, disputeSecret } = await world();
    const secret = await disputeSecret();
    ports.clock.advanceSeconds(DISPUTE_SECRET_LIFETIME_SECONDS);
    expect(await resetErrorOf(page.passwordReset.dispute({ token: secret }))).toMatchObject({ resetCode: 'TOKEN_EXPIRED' });
    expect(await ports.disputes.resetLockOf(user)).toBeNull();
  });

  it('refuses a reset secret, and changes nothing', async () => {
    const { ports, user, page, resetSecret } = await world();
    const secret = await resetSecret();
    expect(await resetErrorOf(page.passwordReset.dispute({ token: secret }))).toMatchObject({ resetCode: 'TOKEN_INVALID' });
    expect(await page.passwordReset.inspect({ token: secret })).toMatchObject({ applicationName: 'Acme Shop' });
    expect(await ports.disputes.resetLockOf(user)).toBeNull();
  });

  it('is refused by inspect and complete, which take only reset secrets, and stays usable', async () => {
    const { page, disputeSecret } = await world();
    const secret = await disputeSecret();
    expect(await resetErrorOf(page.passwordReset.inspect({ token: secret }))).toMatchObject({ resetCode: 'TOKEN_INVALID' });
    expect(await resetErrorOf(page.passwordReset.complete({ token: secret, password: 'yet another passphrase' }))).toMatchObject({
      resetCode: 'TOKEN_INVALID',
    });
    expect(await page.passwordReset.dispute({ token: secret })).toMatchObject({ disputed: true });
  });
});

describe('a dispute’s reset lock', () => {
  it('answers a locked address as any other, and mails neither a link nor a code, recording the skips', async () => {
    const { ports, app, page, disputeSecret, mailsOfKind } = await world();
    await page.passwordReset.dispute({ token: await disputeSecret() });
    await runQueuedJobs(ports, ports.jobs);
    const before = { links: mailsOfKind('password-reset').length, codes: mailsOfKind('reset-code').length };

    expect(await app.passwordReset.request({ email: 'jane@example.com' })).toEqual({ accepted: true });
    expect(await app.passwordReset.request({ email: 'jane@example.com', method: 'code' })).toMatchObject({ accepted: true });
    const outcomes = (await runQueuedJobs(ports, ports.jobs)).map((ran) => ran.outcome);
    expect(outcomes).toEqual(['dispute-locked', 'dispute-locked']);
    expect({ links: mailsOfKind('password-reset').length, codes: mailsOfKind('reset-code').length }).toEqual(before);
  });

  it('holds back the legacy APIs’ mails too (a link and Antel’s temporary password)', async () => {
    const { ports, client, page, disputeSecret } = await world();
    await page.passwordReset.dispute({ token: await disputeSecret() });
    await runQueuedJobs(ports, ports.jobs);
    const sentBefore = ports.mail.sent.length;
    for (const delivery of ['link', 'temporary-password'] as const) {
      const answer = await requestLegacyPasswordReset(
        ports,
        client,
        { email: 'jane@example.com', delivery },
        { ip: '192.0.2.1' },
        { hideUnknownAccounts: false },
      );
      expect(answer).toEqual({ ok: true, value: { accepted: true } });
    }
    expect((await runQueuedJobs(ports, ports.jobs)).map((ran) => ran.outcome)).toEqual(['dispute-locked', 'dispute-locked']);
    expect(ports.mail.sent).toHaveLength(sentBefore);
  });

  it('runs out after DISPUTE_LOCK: reset mails leave again', async () => {
    const { ports, app, page, disputeSecret, mailsOfKind } = await world();
    await page.passwordReset.dispute({ token: await disputeSecret() });
    await runQueuedJobs(ports, ports.jobs);
    ports.clock.advanceSeconds(DAY_SECONDS);
    await app.passwordReset.request({ email: 'jane@example.com' });
    const before = mailsOfKind('password-reset').length;
    expect((await runQueuedJobs(ports, ports.jobs)).map((ran) => ran.outcome)).toEqual(['mail-sent']);
    expect(mailsOfKind('password-reset')).toHaveLength(before + 1);
  });

  it('applies to that user in that directory only', async () => {
    const { ports, app, page, disputeSecret } = await world();
    const other = await ports.users.named('default').addUser({ email: 'john@example.com', password: 'current passphrase' });
    if (!other.created) throw new Error('john exists');
    await page.passwordReset.dispute({ token: await disputeSecret() });
    await runQueuedJobs(ports, ports.jobs);
    await app.passwordReset.request({ email: 'john@example.com' });
    expect((await runQueuedJobs(ports, ports.jobs)).map((ran) => ran.outcome)).toEqual(['mail-sent']);
  });

  it('is lifted by an admin-started reset, audited with its reason, and the admin’s mail leaves', async () => {
    const { ports, client, user, page, disputeSecret, mailsOfKind } = await world();
    await page.passwordReset.dispute({ token: await disputeSecret() });
    await runQueuedJobs(ports, ports.jobs);
    const started = await startAdminReset(ports, { client, target: { email: 'jane@example.com' }, deliver: 'mail', startedBy: 'cli' });
    expect(started.ok).toBe(true);
    expect(await ports.disputes.resetLockOf(user)).toBeNull();
    expect(ports.audit.entries.filter((entry) => entry.action === 'dispute').map((entry) => entry.outcome)).toEqual([
      'disputed',
      'lock-lifted',
    ]);
    expect(ports.audit.entries.find((entry) => entry.outcome === 'lock-lifted')).toMatchObject({
      reason: 'admin-start',
      actor: 'cli',
      userId: user.userId,
      directory: 'default',
    });
    const before = mailsOfKind('password-reset').length;
    expect((await runQueuedJobs(ports, ports.jobs)).map((ran) => ran.outcome)).toEqual(['mail-sent']);
    expect(mailsOfKind('password-reset')).toHaveLength(before + 1);
  });

  it('is lifted by an application’s admin.startReset too, with the client as the actor', async () => {
    const { ports, client, user, page, disputeSecret } = await world();
    const admin = appRouter.createCaller(testResetApiContext(ports, { client: { ...client, allowAdmin: true }, scopes: [ADMIN_SCOPE] }));
    await page.passwordReset.dispute({ token: await disputeSecret() });
    await admin.admin.startReset({ email: 'jane@example.com' });
    expect(await ports.disputes.resetLockOf(user)).toBeNull();
    expect(ports.audit.entries.find((entry) => entry.outcome === 'lock-lifted')).toMatchObject({ reason: 'admin-start', actor: client.id });
  });

  it('leaves the audit without a lifting when an admin-started reset finds no lock', async () => {
    const { ports, client } = await world();
    await startAdminReset(ports, { client, target: { email: 'jane@example.com' }, deliver: 'mail', startedBy: 'cli' });
    expect(ports.audit.entries.filter((entry) => entry.action === 'dispute')).toEqual([]);
  });
});
