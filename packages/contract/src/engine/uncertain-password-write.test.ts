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

// A write that timed out may have landed: its retry with the same password must finish the reset, not be refused as REUSED.

const requester = { ip: '198.51.100.7' };
const REVEAL = { hideUnknownAccounts: false } as const;
const OLD_PASSWORD = 'old passphrase 1';
const NEW_PASSWORD = 'a brand new passphrase';

/**
 * A world whose directory, while `failing.next` names a failure, fails the next password write so:
 * `landed-then-timed-out` writes the password and then rejects as a timeout would (outcome unknown),
 * `refused` rejects without writing (a plain failure).
 */
async function worldWithUnreliableWrites() {
  const directory = inMemoryUserDirectory();
  const failing: { next: 'landed-then-timed-out' | 'refused' | null; writes: number } = { next: null, writes: 0 };
  const unreliable = {
    ...directory,
    async setPassword(userId: string, password: string) {
      failing.writes += 1;
      const failure = failing.next;
      failing.next = null;
      if (failure === 'refused') throw new DependencyUnavailableError('user directory "default"');
      await directory.setPassword(userId, password);
      if (failure === 'landed-then-timed-out') throw new DependencyUnavailableError('user directory "default"', { outcomeUnknown: true });
    },
  };
  const ports = createInMemoryResetPorts({ directories: { default: unreliable } });
  const client = testResetClient({ id: 'cl_slow', webhookUrl: 'https://app.example.com/hooks', legacyApis: ['antel', 'teenquotes'] });
  ports.clients.register(client);
  const added = await directory.addUser({ email: 'jane@example.com', password: OLD_PASSWORD });
  if (!added.created) throw new Error('jane exists');
  const page = appRouter.createCaller(testResetApiContext(ports));
  async function mailed(delivery: 'link' | 'temporary-password'): Promise<string> {
    await requestLegacyPasswordReset(ports, client, { email: 'jane@example.com', delivery }, requester, REVEAL);
    await runQueuedJobs(ports, ports.jobs);
    const last = ports.mail.sentTo('jane@example.com').at(-1);
    return delivery === 'link' ? resetSecretFromMail(last) : temporaryPasswordFromMail(last);
  }
  /** The rest of one completed reset followed, once: the changed mail and the webhook queued, one completion audited. */
  function expectOneCompletion() {
    expect(ports.jobs.queued.map((job) => job.type)).toEqual(['password-changed', 'webhook']);
    expect(ports.audit.entries.filter((entry) => entry.outcome === 'completed')).toHaveLength(1);
  }
  return { ports, client, page, directory, failing, userId: added.userId, mailed, expectOneCompletion };
}

describe('a completion whose password write may have landed', () => {
  it('answers SERVICE_UNAVAILABLE, then completes the retry with the same password on the hosted page', async () => {
    const { ports, page, directory, failing, userId, mailed, expectOneCompletion } = await worldWithUnreliableWrites();
    const token = await mailed('link');
    failing.next = 'landed-then-timed-out';
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: NEW_PASSWORD }))).toMatchObject({
      resetCode: 'SERVICE_UNAVAILABLE',
      httpStatus: 503,
    });
    // The write did land, yet nothing of a completion happened: the link is released, marked.
    expect(await directory.verifyPassword(userId, NEW_PASSWORD)).toBe(true);
    expect(ports.jobs.queued).toEqual([]);
    expect(await ports.tokens.inspect(token)).toMatchObject({ status: 'active', record: { writeUncertain: true } });

    expect(await page.passwordReset.complete({ token, password: NEW_PASSWORD })).toEqual({ completed: true });
    expect(failing.writes).toBe(2);
    expect(await directory.verifyPassword(userId, NEW_PASSWORD)).toBe(true);
    expect(await ports.tokens.inspect(token)).toEqual({ status: 'used' });
    expectOneCompletion();
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.webhooks.delivered.map((delivery) => delivery.event.type)).toEqual(['password_reset.completed']);
  });

  it('still applies every other policy check to the retry', async () => {
    const { ports, page, failing, mailed } = await worldWithUnreliableWrites();
    const token = await mailed('link');
    failing.next = 'landed-then-timed-out';
    await resetErrorOf(page.passwordReset.complete({ token, password: NEW_PASSWORD }));
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'short' }))).toMatchObject({
      resetCode: 'PASSWORD_REJECTED',
      reasons: ['TOO_SHORT'],
    });
    expect(failing.writes).toBe(1);
    expect(ports.jobs.queued).toEqual([]);
  });

  it('does not mark a plain failure, so retyping the unchanged current password is still refused as REUSED', async () => {
    const { ports, page, directory, failing, userId, mailed } = await worldWithUnreliableWrites();
    const token = await mailed('link');
    failing.next = 'refused';
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: NEW_PASSWORD }))).toMatchObject({ httpStatus: 503 });
    expect(await ports.tokens.inspect(token)).toMatchObject({ status: 'active', record: { writeUncertain: false } });
    expect(await directory.verifyPassword(userId, OLD_PASSWORD)).toBe(true);
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: OLD_PASSWORD }))).toMatchObject({
      resetCode: 'PASSWORD_REJECTED',
      reasons: ['REUSED'],
    });
    expect(failing.writes).toBe(1);
  });

  it('completes Teen Quotes’ retry with the same password', async () => {
    const { ports, client, failing, mailed, expectOneCompletion } = await worldWithUnreliableWrites();
    const token = await mailed('link');
    const complete = () =>
      completePasswordResetForAccount(
        ports,
        { email: 'jane@example.com', token, password: NEW_PASSWORD },
        requester,
        { clientId: client.id },
        REVEAL,
      );
    failing.next = 'landed-then-timed-out';
    await expect(complete()).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(await complete()).toEqual({ ok: true, value: { completed: true } });
    expect(await ports.tokens.inspect(token)).toEqual({ status: 'used' });
    expectOneCompletion();
  });

  it('completes Antel’s retry with the same password and temporary password', async () => {
    const { ports, client, failing, mailed, expectOneCompletion } = await worldWithUnreliableWrites();
    const code = await mailed('temporary-password');
    const complete = () =>
      completeTemporaryPasswordReset(
        ports,
        { temporaryPassword: code, email: 'jane@example.com', password: NEW_PASSWORD },
        requester,
        { clientId: client.id },
        REVEAL,
      );
    failing.next = 'landed-then-timed-out';
    await expect(complete()).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(await ports.temporaryPasswords.verify({ code, maxFailedAttempts: 5 })).toMatchObject({ record: { writeUncertain: true } });
    expect(await complete()).toEqual({ ok: true, value: { completed: true } });
    expect((await ports.temporaryPasswords.verify({ code, maxFailedAttempts: 5 })).status).toBe('used');
    expectOneCompletion();
  });
});
