import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretFromMail } from '../../support/test-server.js';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { bindTrafficOpsClient, createUser, postResetPassword, successFor } from './trafficops-support.js';

const EMAIL = 'operator@example.com';

describe('a Traffic Ops client’s whole reset journey', () => {
  let deployment: LegacyDeployment;
  let userId: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    await bindTrafficOpsClient(deployment);
    userId = await createUser(deployment, EMAIL, 'old-password-1');
  });
  afterAll(async () => {
    await deployment.close();
  });

  /** Completes through the hosted page's procedure, as the page's script does. */
  async function completeOnHostedPage(token: string, password: string) {
    const response = await fetch(`${deployment.url}/trpc/passwordReset.complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** The `count`-th mail of this kind to the user, once it has arrived (bounded wait). */
  async function nthMail(kind: string, count: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mails = (await deployment.mails()).filter((mail) => mail.to === EMAIL && mail.kind === kind);
      if (mails.length >= count) return mails[count - 1]!;
      if (Date.now() > deadline) throw new Error(`mail ${count} of kind ${kind} did not arrive`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function resetThrough(path: string, body: string, newPassword: string, round: number) {
    const answer = await postResetPassword(deployment.url, body, { path });
    expect([answer.status, answer.json]).toEqual([200, successFor(EMAIL)]);

    const resetMail = await nthMail('password-reset', round);
    expect(resetMail.text).toMatch(/\/reset#token=/);
    const secret = secretFromMail(resetMail);

    expect(await completeOnHostedPage(secret, newPassword)).toEqual({ status: 200, body: { result: { data: { completed: true } } } });
    await nthMail('password-changed', round);
    expect(await deployment.users.verifyPassword(userId, newPassword)).toBe(true);
    // The link is single use.
    expect((await completeOnHostedPage(secret, 'yet-another-password-9')).status).toBeGreaterThanOrEqual(400);
  }

  it('requests at /api/5.0, gets the mail, completes on the hosted page, gets the "changed" mail, and the new password works', async () => {
    await resetThrough('/api/5.0/user/reset_password', JSON.stringify({ email: EMAIL }), 'first-new-password-1', 1);
    expect(await deployment.users.verifyPassword(userId, 'old-password-1')).toBe(false);
  });

  it('does the same at /api/4.0 with an upper-case key and a name-addr address', async () => {
    await resetThrough('/api/4.0/user/reset_password', JSON.stringify({ EMAIL: `Operator Person <${EMAIL}>` }), 'second-new-password-2', 2);
    expect(await deployment.users.verifyPassword(userId, 'first-new-password-1')).toBe(false);
  });
});
