import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES } from '../support/long-addresses.js';
import { callAntel, type AntelResponse } from './support/antel-contract.js';

// The longest address an account can have is 254 characters. Antel's DTO sets no limit, so
// longer ones, and short ones that NFKC makes longer, reach the engine: they are unknown
// accounts, answered as such ("No account", or a known one's answer when hidden), never a 500.
const { 'of 254 characters': ACCOUNT_OF_254, ...UNREACHABLE } = BOUNDARY_ADDRESSES;
const answerOf = (response: AntelResponse) => ({ status: response.status, contentType: response.contentType, body: response.body });
const NO_ACCOUNT = {
  systemUserId: 0,
  heading: 'No account',
  description: 'There is no account with this email address.',
  wasSuccessful: false,
};

for (const hide of [false, true]) {
  describe(`the Antel API, with LEGACY_HIDE_UNKNOWN_ACCOUNTS=${hide}, at the longest address an account can have`, () => {
    let deployment: LegacyDeployment;
    let apiKey: string;

    beforeAll(async () => {
      deployment = await startLegacyDeployment({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: String(hide) });
      ({ apiKey } = await deployment.addClient({ name: 'Antel Long Addresses', legacyApis: ['antel'] }));
      const created = await deployment.users.createUser({ email: ACCOUNT_OF_254, password: 'the old password 1' });
      expect(created.created).toBe(true);
    });
    afterAll(async () => {
      await deployment.close();
    });

    const forgot = (email: string) =>
      callAntel(deployment, { path: '/user/password/forgot', body: { EmailAddress: email, ApiKey: apiKey } });
    const reset = (email: string) =>
      callAntel(deployment, {
        path: '/user/password/reset',
        body: {
          EmailAddress: email,
          TemporaryPassword: 'ABCDEFGHJK',
          Password: 'a fine passphrase',
          PasswordConfirm: 'a fine passphrase',
          ApiKey: apiKey,
        },
      });

    it('mails a temporary password to an account whose address has 254 characters', async () => {
      const answer = await forgot(ACCOUNT_OF_254);
      const sent = expect.objectContaining({ wasSuccessful: true, heading: 'Temporary password sent' });
      expect([answer.status, answer.dto]).toEqual([200, sent]);
      await deployment.waitForMail((mail) => mail.to === ACCOUNT_OF_254 && mail.kind === 'temporary-password');
    });

    for (const [shape, address] of Object.entries(UNREACHABLE)) {
      it(`answers forgot for an address ${shape} as for an unknown account`, async () => {
        const answer = await forgot(address);
        if (hide) expect(answerOf(answer)).toEqual(answerOf(await forgot(ACCOUNT_OF_254)));
        else expect([answer.status, answer.dto]).toEqual([200, NO_ACCOUNT]);
      });

      it(`answers reset naming an address ${shape} as for an unknown account`, async () => {
        const answer = await reset(address);
        if (hide) expect(answerOf(answer)).toEqual(answerOf(await reset(ACCOUNT_OF_254)));
        else expect([answer.status, answer.dto]).toEqual([200, NO_ACCOUNT]);
      });
    }

    it('answers reset naming the account of 254 characters with a wrong temporary password as such', async () => {
      expect((await reset(ACCOUNT_OF_254)).dto).toMatchObject({ wasSuccessful: false, heading: 'Invalid temporary password' });
    });
  });
}
