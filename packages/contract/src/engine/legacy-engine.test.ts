import { describe, expect, it } from 'vitest';
import {
  createInMemoryResetPorts,
  resetSecretFromMail,
  runQueuedJobs,
  temporaryPasswordFromMail,
  testResetClient,
  type InMemoryResetPortsOptions,
} from '../testing/index.js';
import { completePasswordResetForAccount } from './complete-reset-for-account.js';
import { completeTemporaryPasswordReset } from './complete-temporary-password-reset.js';
import { requestLegacyPasswordReset } from './request-legacy-reset.js';

/** The documents' own behaviour: unknown accounts are named as such (LEGACY_HIDE_UNKNOWN_ACCOUNTS off). */
const REVEAL = { hideUnknownAccounts: false } as const;

// The legacy APIs' engine operations over in-memory ports (their routes are tested in rest-compat and the server).

const requester = { ip: '198.51.100.4' };

async function world(options: InMemoryResetPortsOptions = {}) {
  const ports = createInMemoryResetPorts(options);
  const client = testResetClient({ id: 'cl_legacy', name: 'Legacy App', legacyApis: ['antel', 'teenquotes'] });
  const otherClient = testResetClient({ id: 'cl_other', name: 'Other App' });
  ports.clients.register(client);
  ports.clients.register(otherClient);
  const added = await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'old-password-1' });
  if (!added.created) throw new Error('jane exists');
  async function mailed<Kind extends 'link' | 'temporary-password'>(delivery: Kind, email = 'jane@example.com') {
    await requestLegacyPasswordReset(ports, client, { email, delivery }, requester, REVEAL);
    await runQueuedJobs(ports, ports.jobs);
    const last = ports.mail.sentTo(email).at(-1);
    return delivery === 'link' ? resetSecretFromMail(last) : temporaryPasswordFromMail(last);
  }
  const completeWithCode = (input: { temporaryPassword: string; email?: string; password: string }, clientId = client.id) =>
    completeTemporaryPasswordReset(ports, input, requester, { clientId }, REVEAL);
  return { ports, client, otherClient, userId: added.userId, mailed, completeWithCode };
}

describe('requestLegacyPasswordReset', () => {
  it('says whether the account exists, and queues one job either way', async () => {
    const { ports, client } = await world();
    expect(await requestLegacyPasswordReset(ports, client, { email: 'Jane@Example.com', delivery: 'link' }, requester, REVEAL)).toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(ports.jobs.queued).toHaveLength(1);
    expect(await requestLegacyPasswordReset(ports, client, { email: 'ghost@example.com', delivery: 'link' }, requester, REVEAL)).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
    expect(ports.jobs.queued).toHaveLength(2);
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.mail.sent.map(({ mail }) => mail.to)).toEqual(['jane@example.com']);
  });

  it('queues nothing for a throttled address, and still answers what it found', async () => {
    const { ports, client } = await world({ limits: { requestsPerAddress: { points: 1, durationSeconds: 3600 } } });
    await requestLegacyPasswordReset(ports, client, { email: 'jane@example.com', delivery: 'link' }, requester, REVEAL);
    expect(await requestLegacyPasswordReset(ports, client, { email: 'jane@example.com', delivery: 'link' }, requester, REVEAL)).toEqual({
      ok: true,
      value: { accepted: true },
    });
    expect(ports.jobs.queued).toHaveLength(1);
    expect(ports.audit.entries.map((entry) => entry.outcome)).toEqual(['accepted', 'throttled']);
  });
});

describe('completeTemporaryPasswordReset', () => {
  it('mails a 10-character code without look-alikes, and completes with it once, in any case', async () => {
    const { ports, userId, mailed, completeWithCode } = await world();
    const code = await mailed('temporary-password');
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(
      await completeWithCode({ temporaryPassword: code.toLowerCase(), email: 'jane@example.com', password: 'fresh-temporary-pass' }),
    ).toEqual({ ok: true, value: { completed: true } });
    expect(await ports.users.named('default').verifyPassword(userId, 'fresh-temporary-pass')).toBe(true);
    expect(await completeWithCode({ temporaryPassword: code, password: 'another-fresh-pass' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_USED' },
    });
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.mail.sentTo('jane@example.com').map((mail) => mail.kind)).toEqual(['temporary-password', 'password-changed']);
  });

  it('locks the code after too many wrong attempts against the named account', async () => {
    const { ports, userId, mailed, completeWithCode } = await world({ limits: { maxFailedAttemptsPerSecret: 3 } });
    const code = await mailed('temporary-password');
    const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    const attempt = (temporaryPassword: string) =>
      completeWithCode({ temporaryPassword, email: 'jane@example.com', password: 'locked-out-pass-1' });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await attempt(wrong)).toEqual({ ok: false, error: { code: 'TOKEN_LOCKED' } });
    expect(await attempt(code)).toEqual({ ok: false, error: { code: 'TOKEN_LOCKED' } });
    expect(await ports.users.named('default').verifyPassword(userId, 'old-password-1')).toBe(true);
  });

  it('keeps the code usable after a refused password, and unknown to another client', async () => {
    const { otherClient, mailed, completeWithCode } = await world();
    const code = await mailed('temporary-password');
    expect(await completeWithCode({ temporaryPassword: code, password: 'x7Qz' })).toEqual({
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

  it('lets a code live at most an hour, whatever the client’s link lifetime', async () => {
    const { ports, mailed, completeWithCode } = await world();
    const code = await mailed('temporary-password');
    ports.clock.advanceSeconds(3600);
    expect(await completeWithCode({ temporaryPassword: code, password: 'good-new-password' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_EXPIRED' },
    });
  });

  it('kills an outstanding code when a reset completes through a link, and an outstanding link when one completes with a code', async () => {
    const { ports, mailed, completeWithCode } = await world();
    const code = await mailed('temporary-password');
    const secret = await mailed('link');
    const completedByLink = await completePasswordResetForAccount(
      ports,
      { email: 'jane@example.com', token: secret, password: 'link-new-password' },
      requester,
      {
        clientId: 'cl_legacy',
      },
      REVEAL,
    );
    expect(completedByLink).toEqual({ ok: true, value: { completed: true } });
    expect(await completeWithCode({ temporaryPassword: code, password: 'code-new-password' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });

    const laterSecret = await mailed('link');
    const laterCode = await mailed('temporary-password');
    expect(await completeWithCode({ temporaryPassword: laterCode, password: 'code-new-password' })).toEqual({
      ok: true,
      value: { completed: true },
    });
    expect((await ports.tokens.inspect(laterSecret)).status).toBe('superseded');
  });

  it('lets exactly one of 20 concurrent completions with one code succeed', async () => {
    const { mailed, completeWithCode } = await world();
    const code = await mailed('temporary-password');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => completeWithCode({ temporaryPassword: code, password: `concurrent-pass-${index}` })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.error.code === 'TOKEN_USED')).toHaveLength(19);
  });
});

describe('completePasswordResetForAccount', () => {
  it('checks the account, then the password, then the secret, which must be that account’s and that client’s', async () => {
    const { ports, client, otherClient, userId, mailed } = await world();
    const added = await ports.users.named('default').addUser({ email: 'john@example.com', password: 'old-password-1' });
    if (!added.created) throw new Error('john exists');
    const secret = await mailed('link');
    const sixCharacters = { minLength: 6, maxLength: 128 };
    const complete = (input: { email: string; token: string; password: string }, clientId = client.id) =>
      completePasswordResetForAccount(ports, input, requester, { clientId, passwordPolicy: sixCharacters }, REVEAL);

    expect(await complete({ email: 'nobody@example.com', token: 'bad', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
    expect(await complete({ email: 'jane@example.com', token: 'bad', password: 'x2Yq' })).toEqual({
      ok: false,
      error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] },
    });
    expect(await complete({ email: 'jane@example.com', token: 'bad', password: 'k7#mPq' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await complete({ email: 'john@example.com', token: secret, password: 'k7#mPq' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await complete({ email: 'jane@example.com', token: secret, password: 'k7#mPq' }, otherClient.id)).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    // Without a valid secret, the current password gets the same answer as any other guess.
    expect(await complete({ email: 'jane@example.com', token: 'bad', password: 'old-password-1' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    expect(await complete({ email: 'jane@example.com', token: secret, password: 'old-password-1' })).toEqual({
      ok: false,
      error: { code: 'PASSWORD_REJECTED', reasons: ['REUSED'] },
    });
    expect(await complete({ email: 'jane@example.com', token: secret, password: 'k7#mPq' })).toEqual({
      ok: true,
      value: { completed: true },
    });
    expect(await ports.users.named('default').verifyPassword(userId, 'k7#mPq')).toBe(true);
    expect(await complete({ email: 'jane@example.com', token: secret, password: 'k7#mPq-again' })).toEqual({
      ok: false,
      error: { code: 'TOKEN_USED' },
    });
  });
});
