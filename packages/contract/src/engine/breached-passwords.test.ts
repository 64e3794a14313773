import { describe, expect, it } from 'vitest';
import { appRouter } from '../router/index.js';
import {
  createInMemoryResetPorts,
  inMemoryBreachedPasswords,
  resetErrorOf,
  resetSecretFromMail,
  runQueuedJobs,
  testResetApiContext,
  testResetClient,
} from '../testing/index.js';
import { completePasswordResetForAccount } from './complete-reset-for-account.js';
import { requestLegacyPasswordReset } from './request-legacy-reset.js';

// The breach corpus is one more rule of the policy, asked last: only a password every local rule
// accepts is sent, and a corpus that cannot answer leaves the local verdict.

const requester = { ip: '198.51.100.9' };
const BREACHED = 'correct horse battery staple';
const GOOD = 'a passphrase nobody leaked';

async function world() {
  const breachedPasswords = inMemoryBreachedPasswords([BREACHED, 'password1']);
  const ports = createInMemoryResetPorts({ breachedPasswords });
  const client = testResetClient({ id: 'cl_breach', legacyApis: ['teenquotes'] });
  ports.clients.register(client);
  const directory = ports.users.named(client.directory);
  const page = appRouter.createCaller(testResetApiContext(ports));
  async function mailedSecret(email: string): Promise<string> {
    await requestLegacyPasswordReset(ports, client, { email, delivery: 'link' }, requester, { hideUnknownAccounts: false });
    await runQueuedJobs(ports, ports.jobs);
    return resetSecretFromMail(ports.mail.sentTo(email).at(-1));
  }
  return { ports, client, directory, page, breachedPasswords, mailedSecret };
}

describe('the breach corpus in the password policy', () => {
  it('refuses a breached password as BREACHED, keeps the link usable, then takes a good one', async () => {
    const { ports, page, breachedPasswords, mailedSecret } = await world();
    await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'old passphrase 1' });
    const token = await mailedSecret('jane@example.com');
    // The page is told the policy it will meet.
    expect((await page.passwordReset.inspect({ token })).policy.reasons).toContain('BREACHED');

    expect(await resetErrorOf(page.passwordReset.complete({ token, password: BREACHED }))).toMatchObject({
      resetCode: 'PASSWORD_REJECTED',
      reasons: ['BREACHED'],
    });
    expect(ports.audit.entries.at(-1)).toMatchObject({ action: 'complete', outcome: 'refused', reason: 'BREACHED' });
    expect(await page.passwordReset.complete({ token, password: GOOD })).toEqual({ completed: true });
    expect(breachedPasswords.asked).toEqual([BREACHED, GOOD]);
  });

  it('never asks the corpus about a password the local rules refuse', async () => {
    const { ports, page, breachedPasswords, mailedSecret } = await world();
    await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'old passphrase 1' });
    const token = await mailedSecret('jane@example.com');

    // Too short, on the local common list, and containing the address's local part.
    for (const [password, reasons] of [
      ['short', ['TOO_SHORT']],
      ['password1', ['COMMON']],
      ['jane-is-my-name', ['CONTEXTUAL']],
    ] as const) {
      expect(await resetErrorOf(page.passwordReset.complete({ token, password }))).toMatchObject({ reasons });
    }
    expect(breachedPasswords.asked).toEqual([]);
  });

  it('leaves BREACHED out of the described policy when no corpus is configured', async () => {
    const ports = createInMemoryResetPorts();
    const page = appRouter.createCaller(testResetApiContext(ports));
    expect((await page.passwordReset.policy()).reasons).not.toContain('BREACHED');
  });

  it('lets the local rules decide when the corpus cannot answer', async () => {
    const { ports, page, breachedPasswords, mailedSecret } = await world();
    await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'old passphrase 1' });
    const token = await mailedSecret('jane@example.com');
    breachedPasswords.failWith('timeout');

    expect(await resetErrorOf(page.passwordReset.complete({ token, password: 'password1' }))).toMatchObject({ reasons: ['COMMON'] });
    // Breached, but the corpus is away: the local rules accept it.
    expect(await page.passwordReset.complete({ token, password: BREACHED })).toEqual({ completed: true });
  });

  it('refuses a breached password on the legacy path that names the account (Teen Quotes) too', async () => {
    const { ports, client, mailedSecret } = await world();
    await ports.users.named('default').addUser({ email: 'tim@example.com', password: 'old passphrase 1' });
    const token = await mailedSecret('tim@example.com');
    const completion = (password: string) =>
      completePasswordResetForAccount(
        ports,
        { email: 'tim@example.com', token, password },
        requester,
        { clientId: client.id, passwordPolicy: { minLength: 6, maxLength: 128 } },
        { hideUnknownAccounts: false },
      );

    expect(await completion(BREACHED)).toEqual({ ok: false, error: { code: 'PASSWORD_REJECTED', reasons: ['BREACHED'] } });
    expect(await completion(GOOD)).toEqual({ ok: true, value: { completed: true } });
  });
});
