import {
  completePasswordResetForAccount,
  completeTemporaryPasswordReset,
  requestLegacyPasswordReset,
  type ResetClient,
} from '@pwreset/contract/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretFromMail, startTestServer, type TestServer } from './support/test-server.js';

const requester = { ip: '198.51.100.4' };

describe('the engine’s legacy operations', () => {
  let server: TestServer;
  let client: ResetClient;
  let otherClient: ResetClient;
  let count = 0;

  beforeAll(async () => {
    server = await startTestServer({ RESET_SECRET_MAX_FAILED_ATTEMPTS: '3' });
    client = (await server.composed.clients.findById(server.client.clientId))!;
    const other = await server.composed.clients.add({ name: 'Other', resetUrls: [], defaultLocale: 'en', minPasswordLength: 8, legacyApis: [] });
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

  async function temporaryPasswordFor(email: string): Promise<string> {
    await requestLegacyPasswordReset(server.composed.ports, client, { email, delivery: 'temporary-password' }, requester);
    const mail = (await server.mails()).filter((candidate) => candidate.to === email && candidate.kind === 'temporary-password').at(-1);
    const code = /\b([2-9A-HJ-NP-Z]{10})\b/.exec(mail?.text ?? '')?.[1];
    if (!code) throw new Error('no temporary password mailed');
    return code;
  }

  it('reports whether the account exists, doing the same work either way', async () => {
    const { email } = await newUser();
    const before = await server.composed.jobs.queue.count();
    expect(await requestLegacyPasswordReset(server.composed.ports, client, { email, delivery: 'link' }, requester)).toEqual({ ok: true, value: { accountFound: true } });
    expect(await requestLegacyPasswordReset(server.composed.ports, client, { email: 'ghost@example.com', delivery: 'link' }, requester)).toEqual({
      ok: true,
      value: { accountFound: false },
    });
    expect(await server.composed.jobs.queue.count()).toBeGreaterThanOrEqual(before);
    const mails = await server.mails();
    expect(mails.filter((mail) => mail.to === email)).toHaveLength(1);
    expect(mails.filter((mail) => mail.to === 'ghost@example.com')).toHaveLength(0);
  });

  it('mails a 10-character temporary password without look-alikes, and completes with it once', async () => {
    const { email, userId } = await newUser();
    const code = await temporaryPasswordFor(email);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    const done = await completeTemporaryPasswordReset(server.composed.ports, { temporaryPassword: code.toLowerCase(), email, password: 'fresh-temporary-pass' }, requester, { clientId: client.id });
    expect(done).toEqual({ ok: true, value: { completed: true } });
    expect(await server.users.verifyPassword(userId, 'fresh-temporary-pass')).toBe(true);
    const again = await completeTemporaryPasswordReset(server.composed.ports, { temporaryPassword: code, password: 'another-fresh-pass' }, requester, { clientId: client.id });
    expect(again).toEqual({ ok: false, error: { code: 'TOKEN_USED' } });
    expect((await server.mails()).some((mail) => mail.to === email && mail.kind === 'password-changed')).toBe(true);
  });

  it('locks a temporary password after too many wrong attempts against the named account', async () => {
    const { email, userId } = await newUser();
    const code = await temporaryPasswordFor(email);
    const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    const attempt = (temporaryPassword: string) =>
      completeTemporaryPasswordReset(server.composed.ports, { temporaryPassword, email, password: 'locked-out-pass-1' }, requester, { clientId: client.id });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_LOCKED' } });
    expect(await attempt(code)).toEqual({ ok: false, error: { code: 'TOKEN_LOCKED' } });
    expect(await server.users.verifyPassword(userId, 'old-password-1')).toBe(true);
  });

  it('keeps a temporary password usable after a refused password, and unknown to another client', async () => {
    const { email } = await newUser();
    const code = await temporaryPasswordFor(email);
    expect(await completeTemporaryPasswordReset(server.composed.ports, { temporaryPassword: code, password: 'x7Qz' }, requester, { clientId: client.id })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] },
    });
    expect(await completeTemporaryPasswordReset(server.composed.ports, { temporaryPassword: code, password: 'good-new-password' }, requester, { clientId: otherClient.id })).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await completeTemporaryPasswordReset(server.composed.ports, { temporaryPassword: code, password: 'good-new-password' }, requester, { clientId: client.id })).toEqual({
      ok: true,
      value: { completed: true },
    });
  });

  it('checks the account, then the password, then the secret, when the caller names the account', async () => {
    const { email, userId } = await newUser();
    const { email: otherEmail } = await newUser();
    await requestLegacyPasswordReset(server.composed.ports, client, { email, delivery: 'link' }, requester);
    const secret = secretFromMail((await server.mails()).filter((mail) => mail.to === email).at(-1)!);
    const sixCharacters = { minLength: 6, maxLength: 128 };
    const complete = (input: { email: string; token: string; password: string }, clientId = client.id) =>
      completePasswordResetForAccount(server.composed.ports, input, requester, { clientId, passwordPolicy: sixCharacters });

    expect(await complete({ email: 'nobody@example.com', token: 'bad', password: 'x' })).toEqual({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } });
    expect(await complete({ email, token: 'bad', password: 'x2Yq' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] } });
    expect(await complete({ email, token: 'bad', password: 'k7#mPq' })).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await complete({ email: otherEmail, token: secret, password: 'k7#mPq' })).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await complete({ email, token: secret, password: 'k7#mPq' }, otherClient.id)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    // Without a valid secret, the current password gets the same answer as any other guess.
    expect(await complete({ email, token: 'bad', password: 'old-password-1' })).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await complete({ email, token: secret, password: 'old-password-1' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_REJECTED', reasons: ['REUSED'] } });
    expect(await complete({ email, token: secret, password: 'k7#mPq' })).toEqual({ ok: true, value: { completed: true } });
    expect(await server.users.verifyPassword(userId, 'k7#mPq')).toBe(true);
  });
});
