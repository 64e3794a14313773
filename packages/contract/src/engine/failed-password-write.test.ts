import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import { appRouter } from '../router/index.js';
import {
  createInMemoryResetPorts,
  inMemoryUserDirectory,
  resetErrorOf,
  resetSecretFromMail,
  runQueuedJobs,
  temporaryPasswordFromMail,
  testResetApiContext,
  testResetClient,
} from '../testing/index.js';
import { completePasswordResetForAccount } from './complete-reset-for-account.js';
import { completeTemporaryPasswordReset } from './complete-temporary-password-reset.js';
import { requestLegacyPasswordReset } from './request-legacy-reset.js';

// "No half-done resets": a directory that cannot write the password completes nothing, and the link or code still works.

const requester = { ip: '198.51.100.7' };
const REVEAL = { hideUnknownAccounts: false } as const;

/** A world whose one directory fails every password write while `failing.now` says so, counting the writes it was asked for. */
async function worldWithFlakyDirectory() {
  const directory = inMemoryUserDirectory();
  const failing = { now: true, writes: 0 };
  const flaky = {
    ...directory,
    async setPassword(userId: string, password: string) {
      failing.writes += 1;
      if (failing.now) throw new DependencyUnavailableError('user directory "default"');
      return directory.setPassword(userId, password);
    },
  };
  const ports = createInMemoryResetPorts({ directories: { default: flaky } });
  const client = testResetClient({ id: 'cl_flaky', webhookUrl: 'https://app.example.com/hooks', legacyApis: ['antel', 'teenquotes'] });
  ports.clients.register(client);
  const added = await directory.addUser({ email: 'jane@example.com', password: 'old passphrase 1' });
  if (!added.created) throw new Error('jane exists');
  const page = appRouter.createCaller(testResetApiContext(ports));
  async function mailed(delivery: 'link' | 'temporary-password'): Promise<string> {
    await requestLegacyPasswordReset(ports, client, { email: 'jane@example.com', delivery }, requester, REVEAL);
    await runQueuedJobs(ports, ports.jobs);
    const last = ports.mail.sentTo('jane@example.com').at(-1);
    return delivery === 'link' ? resetSecretFromMail(last) : temporaryPasswordFromMail(last);
  }
  /** Nothing of a completion happened: no job queued, no webhook, no completion recorded, the old password in place. */
  async function expectNothingCompleted() {
    expect(ports.jobs.queued).toEqual([]);
    expect(ports.webhooks.delivered).toEqual([]);
    expect(ports.audit.entries.filter((entry) => entry.outcome === 'completed')).toEqual([]);
    expect(await directory.verifyPassword(added.created ? added.userId : '', 'old passphrase 1')).toBe(true);
  }
  return { ports, client, page, directory, failing, userId: added.userId, mailed, expectNothingCompleted };
}

describe('a completion whose password cannot be written', () => {
  it('answers SERVICE_UNAVAILABLE on the hosted page, leaves the link usable, and completes once the directory works', async () => {
    const { ports, page, failing, directory, userId, mailed, expectNothingCompleted } = await worldWithFlakyDirectory();
    const token = await mailed('link');
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'a brand new passphrase' }))).toMatchObject({
      resetCode: 'SERVICE_UNAVAILABLE',
      httpStatus: 503,
    });
    await expectNothingCompleted();
    expect(await page.passwordReset.inspect({ token })).toMatchObject({ applicationName: 'Test Application' });

    failing.now = false;
    expect(await page.passwordReset.complete({ token, password: 'a brand new passphrase' })).toEqual({ completed: true });
    expect(await directory.verifyPassword(userId, 'a brand new passphrase')).toBe(true);
    expect(failing.writes).toBe(2);
    expect(ports.jobs.queued.map((job) => job.type)).toEqual(['password-changed', 'webhook']);
    expect(ports.audit.entries.filter((entry) => entry.outcome === 'completed')).toHaveLength(1);
  });

  it('rethrows whatever the directory rejected with, and releases the link all the same', async () => {
    const { ports, page, directory, mailed } = await worldWithFlakyDirectory();
    const token = await mailed('link');
    const broken = { ...directory, setPassword: () => Promise.reject(new Error('the driver broke')) };
    const brokenPorts = { ...ports, users: { named: () => broken } };
    const caller = appRouter.createCaller(testResetApiContext(brokenPorts));
    expect(await resetErrorOf(caller.passwordReset.complete({ token, password: 'a brand new passphrase' }))).toMatchObject({
      resetCode: 'INTERNAL_ERROR',
      httpStatus: 500,
    });
    expect((await ports.tokens.inspect(token)).status).toBe('active');
    expect(await page.passwordReset.inspect({ token })).toMatchObject({ maskedEmail: 'j***@example.com' });
  });

  it('answers SERVICE_UNAVAILABLE to Teen Quotes’ completion and leaves its link usable', async () => {
    const { ports, client, failing, mailed, expectNothingCompleted } = await worldWithFlakyDirectory();
    const token = await mailed('link');
    const complete = () =>
      completePasswordResetForAccount(
        ports,
        { email: 'jane@example.com', token, password: 'a brand new passphrase' },
        requester,
        { clientId: client.id },
        REVEAL,
      );
    await expect(complete()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expectNothingCompleted();
    expect((await ports.tokens.inspect(token)).status).toBe('active');
    failing.now = false;
    expect(await complete()).toEqual({ ok: true, value: { completed: true } });
  });

  it('answers SERVICE_UNAVAILABLE to Antel’s completion and leaves its temporary password usable', async () => {
    const { ports, client, failing, mailed, expectNothingCompleted } = await worldWithFlakyDirectory();
    const code = await mailed('temporary-password');
    const complete = () =>
      completeTemporaryPasswordReset(
        ports,
        { temporaryPassword: code, email: 'jane@example.com', password: 'a brand new passphrase' },
        requester,
        { clientId: client.id },
        REVEAL,
      );
    await expect(complete()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expectNothingCompleted();
    expect((await ports.temporaryPasswords.verify({ code, maxFailedAttempts: 5 })).status).toBe('active');
    failing.now = false;
    expect(await complete()).toEqual({ ok: true, value: { completed: true } });
  });

  it('writes once for 20 concurrent completions with one secret, the others told the link is used', async () => {
    const { page, failing, mailed } = await worldWithFlakyDirectory();
    failing.now = false;
    const token = await mailed('link');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => page.passwordReset.complete({ token, password: `concurrent passphrase ${index}` })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(failing.writes).toBe(1);
  });
});
