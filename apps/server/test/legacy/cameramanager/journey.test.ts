import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMail } from '../../../src/mail/outbox.js';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { accessTokenFor, requestPasswordReset } from './cameramanager-client.js';

const DAY_SECONDS = 86_400;

/** The secret of the mailed link: it travels in the fragment of the hosted page's URL. */
function resetLinkOf(mail: OutboxMail): { link: string; secret: string } {
  const match = /(https?:\/\/\S+\/reset#token=([A-Za-z0-9_-]{43}))/.exec(mail.text);
  if (!match?.[1] || !match[2]) throw new Error(`no reset link in mail: ${mail.subject}`);
  return { link: match[1], secret: match[2] };
}

/** "expires on March 14, 2025 at 9:30 AM UTC" (wrapped anywhere) → that instant. */
function expiryOf(mail: OutboxMail): number {
  const text = mail.text.replace(/\s+/g, ' ');
  const match = /expires on ([A-Z][a-z]+ \d{1,2}, \d{4}) at (\d{1,2}:\d{2} [AP]M) UTC/.exec(text);
  if (!match?.[1] || !match[2]) throw new Error('the mail does not say when the link expires');
  return Date.parse(`${match[1]} ${match[2]} UTC`);
}

describe('Cameramanager: the whole journey, token → request → mail → completion → changed mail', () => {
  let deployment: LegacyDeployment;

  beforeAll(async () => {
    // One reset request per address and hour: each test below asks once per address, but for throttling.
    deployment = await startLegacyDeployment({ RATE_LIMIT_REQUESTS_PER_ADDRESS: '1/1h' });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  async function newUser(email: string) {
    const created = await deployment.users.createUser({ email, password: 'old-password-1' });
    if (!created.created) throw new Error('the user exists already');
    return created.userId;
  }

  it('resets a password end to end: the link mail, the hosted page’s completion, the “changed” mail, the new password', async () => {
    const userId = await newUser('journey@example.com');
    const camera = await deployment.addClient({ name: 'Cameramanager', legacyApis: ['cameramanager'] });
    const token = await accessTokenFor(deployment, camera);

    const requested = await requestPasswordReset(deployment, token, { email: 'journey@example.com' });
    expect([requested.status, requested.body]).toEqual([204, '']);

    const resetMail = await deployment.waitForMail((mail) => mail.to === 'journey@example.com' && mail.kind === 'password-reset');
    const { link, secret } = resetLinkOf(resetMail);
    expect(new URL(link).pathname).toBe('/reset');

    const completed = await fetch(`${deployment.url}/trpc/passwordReset.complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: secret, password: 'a fresh passphrase 42' }),
    });
    expect(completed.status).toBe(200);

    const changedMail = await deployment.waitForMail((mail) => mail.to === 'journey@example.com' && mail.kind === 'password-changed');
    expect(changedMail.text).not.toContain(secret);
    expect(await deployment.users.verifyPassword(userId, 'a fresh passphrase 42')).toBe(true);
    expect(await deployment.users.verifyPassword(userId, 'old-password-1')).toBe(false);

    const again = await fetch(`${deployment.url}/trpc/passwordReset.complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: secret, password: 'yet another passphrase' }),
    });
    expect(again.status).toBe(400);
    expect(await deployment.users.verifyPassword(userId, 'a fresh passphrase 42')).toBe(true);
  });

  it('mails a link valid for the client’s lifetime, 1 day or 3 days (the document’s “valid for 1-3 days”)', async () => {
    for (const days of [1, 3]) {
      const email = `lifetime-${days}d@example.com`;
      await newUser(email);
      const camera = await deployment.addClient({
        name: `Cameramanager ${days}d`,
        legacyApis: ['cameramanager'],
        ttlSeconds: days * DAY_SECONDS,
      });
      const requestedAt = Date.now();
      expect((await requestPasswordReset(deployment, await accessTokenFor(deployment, camera), { email })).status).toBe(204);
      const mail = await deployment.waitForMail((candidate) => candidate.to === email && candidate.kind === 'password-reset');
      // The mail states the minute the link stops working.
      const lifetimeSeconds = (expiryOf(mail) - requestedAt) / 1000;
      expect(lifetimeSeconds, `${days} day(s)`).toBeGreaterThan(days * DAY_SECONDS - 120);
      expect(lifetimeSeconds, `${days} day(s)`).toBeLessThan(days * DAY_SECONDS + 120);
    }
  });

  it('answers a throttled request 204 as well, and sends no second mail (our documented deviation: no 429)', async () => {
    await newUser('throttled@example.com');
    const token = await accessTokenFor(
      deployment,
      await deployment.addClient({ name: 'Cameramanager throttled', legacyApis: ['cameramanager'] }),
    );
    const first = await requestPasswordReset(deployment, token, { email: 'throttled@example.com' });
    const second = await requestPasswordReset(deployment, token, { email: 'throttled@example.com' });
    expect([first.status, first.body, second.status, second.body]).toEqual([204, '', 204, '']);
    await deployment.waitForMail((mail) => mail.to === 'throttled@example.com');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await deployment.mails()).filter((mail) => mail.to === 'throttled@example.com')).toHaveLength(1);
  });
});
