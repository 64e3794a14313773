import {
  completePasswordResetForAccount,
  completeTemporaryPasswordReset,
  requestLegacyPasswordReset,
  type ResetClient,
} from '@pwreset/contract/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeMoved, secretFromMail, startTestServer, type TestServer } from './support/test-server.js';

const requester = { ip: '198.51.100.4' };
/** The legacy documents' own behaviour: unknown accounts are named. */
const shown = { hideUnknownAccounts: false };
const hidden = { hideUnknownAccounts: true };

describe('the engine’s legacy operations', () => {
  let server: TestServer;
  let client: ResetClient;
  let otherClient: ResetClient;
  let count = 0;

  beforeAll(async () => {
    server = await startTestServer({ RESET_SECRET_MAX_FAILED_ATTEMPTS: '3' });
    client = (await server.composed.clients.findById(server.client.clientId))!;
    const other = await server.composed.clients.add({
      name: 'Other',
      resetUrls: [],
      defaultLocale: 'en',
      minPasswordLength: 8,
      legacyApis: [],
    });
    if (!other.ok) throw new Error('add failed');
    otherClient = (await server.composed.clients.findById(other.client.clientId))!;
  });
  afterAll(async () => {
    await server.close();
  });

  async function newUser(): Promise<{ email: string; userId: string }> {
    count += 1;
    const email = `legacy${count}@example.com`;
    const created = await server.users.createUser({ email, password: 'old-password-1' });
    if (!created.created) throw new Error('exists');
    return { email, userId: created.userId };
  }

  const completeWithCode = (input: Parameters<typeof completeTemporaryPasswordReset>[1], clientId = client.id) =>
    completeTemporaryPasswordReset(server.composed.ports, input, requester, { clientId }, shown);

  async function temporaryPasswordFor(email: string): Promise<string> {
    await requestLegacyPasswordReset(server.composed.ports, client, { email, delivery: 'temporary-password' }, requester, shown);
    const mail = (await server.mails()).filter((candidate) => candidate.to === email && candidate.kind === 'temporary-password').at(-1);
    const code = /\b([2-9A-HJ-NP-Z]{10})\b/.exec(mail?.text ?? '')?.[1];
    if (!code) throw new Error('no temporary password mailed');
    return code;
  }

  /** The jobs queued by `action`, in no particular order (the worker is stopped meanwhile, so they stay queued). */
  async function jobsQueuedBy(action: () => Promise<void>): Promise<Array<{ type: string; email?: string }>> {
    await server.stopWorker();
    const idsBefore = new Set((await server.composed.jobs.queue.getJobs(['waiting'])).map((job) => job.id));
    await action();
    await intakeMoved(server.composed);
    const after = await server.composed.jobs.queue.getJobs(['waiting']);
    server.startWorker();
    return after.filter((job) => !idsBefore.has(job.id)).map((job) => (job.data as { job: { type: string; email?: string } }).job);
  }

  it('names an unknown account only when told to, and queues one job for each address alike', async () => {
    const { email } = await newUser();
    const request = (address: string, options: typeof shown) =>
      requestLegacyPasswordReset(server.composed.ports, client, { email: address, delivery: 'link' }, requester, options);
    const queued = await jobsQueuedBy(async () => {
      expect(await request(email, shown)).toEqual({ ok: true, value: { accepted: true } });
      expect(await request('ghost@example.com', shown)).toEqual({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
      expect(await request('ghost@example.com', hidden)).toEqual({ ok: true, value: { accepted: true } });
      expect(await request(email, hidden)).toEqual({ ok: true, value: { accepted: true } });
    });
    const byAddress = (job: { type: string; email?: string }) => `${job.type} ${job.email}`;
    const expected = [email, email, 'ghost@example.com', 'ghost@example.com'].map((address) => `reset-requested ${address}`);
    expect(queued.map(byAddress).sort()).toEqual(expected.sort());
    const mails = await server.mails();
    expect(mails.filter((mail) => mail.to === email)).toHaveLength(2);
    expect(mails.filter((mail) => mail.to === 'ghost@example.com')).toHaveLength(0);
  });

  it('takes an address that NFKC makes longer than any account’s as an unknown account, and queues a job that does nothing', async () => {
    const lengthened = `${'\uFDFA'.repeat(20)}@example.com`;
    const tooLong = `${'a'.repeat(243)}@example.com`;
    expect([lengthened.length, lengthened.normalize('NFKC').length, tooLong.length]).toEqual([32, 372, 255]);
    const queued = await jobsQueuedBy(async () => {
      for (const address of [lengthened, tooLong]) {
        for (const delivery of ['link', 'temporary-password'] as const) {
          const request = (options: typeof shown) =>
            requestLegacyPasswordReset(server.composed.ports, client, { email: address, delivery }, requester, options);
          expect(await request(shown)).toEqual({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
          expect(await request(hidden)).toEqual({ ok: true, value: { accepted: true } });
        }
      }
    });
    expect(queued).toEqual(Array.from({ length: 8 }, () => expect.objectContaining({ type: 'unreachable-address-requested' })));
    await server.mails();
    expect(await server.composed.jobs.queue.getJobCounts('failed')).toEqual({ failed: 0 });
  });

  it('mails a 10-character temporary password without look-alikes, and completes with it once', async () => {
    const { email, userId } = await newUser();
    const code = await temporaryPasswordFor(email);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const done = await completeWithCode({ temporaryPassword: code.toLowerCase(), email, password: 'fresh-temporary-pass' });
    expect(done).toEqual({ ok: true, value: { completed: true } });
    expect(await server.users.verifyPassword(userId, 'fresh-temporary-pass')).toBe(true);
    const again = await completeWithCode({ temporaryPassword: code, password: 'another-fresh-pass' });
    expect(again).toEqual({ ok: false, error: { code: 'TOKEN_USED' } });
    expect((await server.mails()).some((mail) => mail.to === email && mail.kind === 'password-changed')).toBe(true);
  });

  it('locks a temporary password after too many wrong attempts against the named account', async () => {
    const { email, userId } = await newUser();
    const code = await temporaryPasswordFor(email);
    const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    const attempt = (temporaryPassword: string) => completeWithCode({ temporaryPassword, email, password: 'locked-out-pass-1' });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_LOCKED' } });
    expect(await attempt(code)).toEqual({ ok: false, error: { code: 'TOKEN_LOCKED' } });
    expect(await server.users.verifyPassword(userId, 'old-password-1')).toBe(true);
  });

  it('keeps a temporary password usable after a refused password, and unknown to another client', async () => {
    const { email } = await newUser();
    const code = await temporaryPasswordFor(email);
    expect(await completeWithCode({ temporaryPassword: code, password: 'x7Qz' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] },
    });
    expect(await completeWithCode({ temporaryPassword: code, password: 'good-new-password' }, otherClient.id)).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await completeWithCode({ temporaryPassword: code, password: 'good-new-password' })).toEqual({
      ok: true,
      value: { completed: true },
    });
  });

  it('checks the account, then the password, then the secret, when the caller names the account', async () => {
    const { email, userId } = await newUser();
    const { email: otherEmail } = await newUser();
    await requestLegacyPasswordReset(server.composed.ports, client, { email, delivery: 'link' }, requester, shown);
    const secret = secretFromMail((await server.mails()).filter((mail) => mail.to === email).at(-1)!);
    const sixCharacters = { minLength: 6, maxLength: 128 };
    const complete = (input: { email: string; token: string; password: string }, clientId = client.id) =>
      completePasswordResetForAccount(server.composed.ports, input, requester, { clientId, passwordPolicy: sixCharacters }, shown);

    expect(await complete({ email: 'nobody@example.com', token: 'bad', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
    expect(await complete({ email, token: 'bad', password: 'x2Yq' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] },
    });
    expect(await complete({ email, token: 'bad', password: 'k7#mPq' })).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await complete({ email: otherEmail, token: secret, password: 'k7#mPq' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await complete({ email, token: secret, password: 'k7#mPq' }, otherClient.id)).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    // Without a valid secret, the current password gets the same answer as any other guess.
    expect(await complete({ email, token: 'bad', password: 'old-password-1' })).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await complete({ email, token: secret, password: 'old-password-1' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_REJECTED', reasons: ['REUSED'] },
    });
    expect(await complete({ email, token: secret, password: 'k7#mPq' })).toEqual({ ok: true, value: { completed: true } });
    expect(await server.users.verifyPassword(userId, 'k7#mPq')).toBe(true);
  });
  it('answers a completion naming an unknown account as for a known one with a wrong secret, when told to hide it', async () => {
    const { email } = await newUser();
    const sixCharacters = { minLength: 6, maxLength: 128 };
    const scope = { clientId: client.id, passwordPolicy: sixCharacters };
    const unissuedSecret = 'A'.repeat(43);
    const forAccount = (address: string, password: string, options: typeof shown) =>
      completePasswordResetForAccount(
        server.composed.ports,
        { email: address, token: unissuedSecret, password },
        requester,
        scope,
        options,
      );
    const withCode = (address: string, options: typeof shown) => {
      const input = { temporaryPassword: 'ABCDEFGHJK', email: address, password: 'a fine passphrase' };
      return completeTemporaryPasswordReset(server.composed.ports, input, requester, { clientId: client.id }, options);
    };
    for (const unknown of ['nobody@example.com', `${'\uFDFA'.repeat(20)}@example.com`]) {
      for (const password of ['k7#mPq-long-enough', 'x2Yq']) {
        expect(await forAccount(unknown, password, shown)).toEqual({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
        expect(await forAccount(unknown, password, hidden)).toEqual(await forAccount(email, password, hidden));
      }
      expect(await withCode(unknown, shown)).toEqual({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
      expect(await withCode(unknown, hidden)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
      expect(await withCode(email, hidden)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    }
  });
});
