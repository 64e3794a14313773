import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy.js';
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
import { effectivePasswordPolicy } from './effective-password-policy.js';
import { requestLegacyPasswordReset } from './request-legacy-reset.js';

// "bcrypt reads only 72 bytes": a directory whose hash format reads no more narrows the policy to
// 72 bytes of UTF-8, refused as TOO_LONG on every path, never truncated.

const requester = { ip: '198.51.100.8' };
const REVEAL = { hideUnknownAccounts: false } as const;
/** 36 two-byte characters and one more byte: 73 bytes of UTF-8, though only 37 code points. */
const SEVENTY_THREE_BYTES = `${'é'.repeat(36)}a`;
/** Exactly 72 bytes of UTF-8 in 36 code points. */
const SEVENTY_TWO_BYTES = 'é'.repeat(36);

async function worldWithDirectory(maxPasswordBytes?: number) {
  const directory = inMemoryUserDirectory(maxPasswordBytes === undefined ? {} : { maxPasswordBytes });
  const ports = createInMemoryResetPorts({ directories: { default: directory } });
  const client = testResetClient({ id: 'cl_bcrypt', legacyApis: ['antel', 'teenquotes'] });
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
  /** Nothing was written or completed: the old password still holds, no mail or completion followed. */
  async function expectNothingWritten() {
    expect(await directory.verifyPassword(added.created ? added.userId : '', 'old passphrase 1')).toBe(true);
    expect(ports.jobs.queued).toEqual([]);
    expect(ports.audit.entries.filter((entry) => entry.outcome === 'completed')).toEqual([]);
  }
  return { ports, client, page, directory, userId: added.userId, mailed, expectNothingWritten };
}

describe('a directory whose hash format reads at most 72 bytes', () => {
  it('says so in inspect, refuses 73 bytes as TOO_LONG with the link still usable, and takes exactly 72', async () => {
    const { page, directory, userId, mailed, expectNothingWritten } = await worldWithDirectory(72);
    const token = await mailed('link');
    expect((await page.passwordReset.inspect({ token })).policy).toMatchObject({ maxLength: 128, maxBytes: 72 });

    expect(await resetErrorOf(page.passwordReset.complete({ token, password: SEVENTY_THREE_BYTES }))).toMatchObject({
      resetCode: 'PASSWORD_REJECTED',
      reasons: ['TOO_LONG'],
    });
    // 37 of them are 74 bytes, as far under 128 characters.
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'é'.repeat(37) }))).toMatchObject({ reasons: ['TOO_LONG'] });
    await expectNothingWritten();
    expect(await page.passwordReset.inspect({ token })).toMatchObject({ applicationName: 'Test Application' });

    expect(await page.passwordReset.complete({ token, password: SEVENTY_TWO_BYTES })).toEqual({ completed: true });
    expect(await directory.verifyPassword(userId, SEVENTY_TWO_BYTES)).toBe(true);
  });

  it('measures the password as given, which is what the directory hashes, not its NFKC form', async () => {
    const { page, mailed, expectNothingWritten } = await worldWithDirectory(72);
    const token = await mailed('link');
    // e + combining acute is 3 bytes as typed, 2 once NFKC composes it: 25 of them are 75 bytes as given.
    const decomposed = 'e\u0301'.repeat(25);
    expect(decomposed.normalize('NFKC')).toBe('é'.repeat(25));
    expect(await resetErrorOf(page.passwordReset.complete({ token, password: decomposed }))).toMatchObject({ reasons: ['TOO_LONG'] });
    await expectNothingWritten();
    expect(await page.passwordReset.complete({ token, password: 'e\u0301'.repeat(24) })).toEqual({ completed: true });
  });

  it('refuses 73 bytes to Teen Quotes’ completion as TOO_LONG, and its link still completes with 72', async () => {
    const { ports, client, mailed, expectNothingWritten } = await worldWithDirectory(72);
    const token = await mailed('link');
    const complete = (password: string) =>
      completePasswordResetForAccount(ports, { email: 'jane@example.com', token, password }, requester, { clientId: client.id }, REVEAL);
    expect(await complete(SEVENTY_THREE_BYTES)).toEqual({ ok: false, error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_LONG'] } });
    await expectNothingWritten();
    expect((await ports.tokens.inspect(token)).status).toBe('active');
    expect(await complete(SEVENTY_TWO_BYTES)).toEqual({ ok: true, value: { completed: true } });
  });

  it('refuses 73 bytes to Antel’s completion as TOO_LONG, and its temporary password still completes with 72', async () => {
    const { ports, client, mailed, expectNothingWritten } = await worldWithDirectory(72);
    const code = await mailed('temporary-password');
    const complete = (password: string) =>
      completeTemporaryPasswordReset(
        ports,
        { temporaryPassword: code, email: 'jane@example.com', password },
        requester,
        { clientId: client.id },
        REVEAL,
      );
    expect(await complete(SEVENTY_THREE_BYTES)).toEqual({ ok: false, error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_LONG'] } });
    await expectNothingWritten();
    expect((await ports.temporaryPasswords.verify({ code, maxFailedAttempts: 5 })).status).toBe('active');
    expect(await complete(SEVENTY_TWO_BYTES)).toEqual({ ok: true, value: { completed: true } });
  });

  it('narrows a legacy API’s own policy too (Teen Quotes’ minimum of 6)', async () => {
    const { ports, client, mailed } = await worldWithDirectory(72);
    const token = await mailed('link');
    const teenQuotesPolicy = { minLength: 6, maxLength: 128 };
    const result = await completePasswordResetForAccount(
      ports,
      { email: 'jane@example.com', token, password: SEVENTY_THREE_BYTES },
      requester,
      { clientId: client.id, passwordPolicy: teenQuotesPolicy },
      REVEAL,
    );
    expect(result).toEqual({ ok: false, error: { code: 'PASSWORD_REJECTED', reasons: ['TOO_LONG'] } });
  });
});

describe('a directory without a byte limit', () => {
  it('has no maxBytes in inspect and takes the same 73 bytes', async () => {
    const { page, directory, userId, mailed } = await worldWithDirectory();
    const token = await mailed('link');
    expect((await page.passwordReset.inspect({ token })).policy).not.toHaveProperty('maxBytes');
    expect(await page.passwordReset.complete({ token, password: SEVENTY_THREE_BYTES })).toEqual({ completed: true });
    expect(await directory.verifyPassword(userId, SEVENTY_THREE_BYTES)).toBe(true);
  });

  it('leaves passwordReset.policy, which knows no directory, without maxBytes even when one has a limit', async () => {
    const { page } = await worldWithDirectory(72);
    expect(await page.passwordReset.policy()).not.toHaveProperty('maxBytes');
  });
});

describe('effectivePasswordPolicy', () => {
  it('keeps the policy as it is for a directory without a byte limit', () => {
    expect(effectivePasswordPolicy(DEFAULT_PASSWORD_POLICY, {})).toBe(DEFAULT_PASSWORD_POLICY);
  });

  it('takes the smaller of the policy’s and the directory’s byte limits', () => {
    expect(effectivePasswordPolicy(DEFAULT_PASSWORD_POLICY, { maxPasswordBytes: 72 })).toEqual({
      ...DEFAULT_PASSWORD_POLICY,
      maxBytes: 72,
    });
    expect(effectivePasswordPolicy({ ...DEFAULT_PASSWORD_POLICY, maxBytes: 50 }, { maxPasswordBytes: 72 }).maxBytes).toBe(50);
    expect(effectivePasswordPolicy({ ...DEFAULT_PASSWORD_POLICY, maxBytes: 100 }, { maxPasswordBytes: 72 }).maxBytes).toBe(72);
  });
});
