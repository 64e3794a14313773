import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES } from '../support/long-addresses.js';
import { accessTokenFor, call, nextResetMail, REMINDER_SENT, WRONG_TOKEN, WRONG_USER } from './teenquotes-support.js';

// An address longer than any account's (254), or one that is not an address at all (U+FDFA is
// not in an address's alphabet, so NFKC never gets to lengthen it), matches no user: Laravel's
// `wrong_user`, with unknown accounts hidden or not (no account could be named by it).
const { 'of 254 characters': ACCOUNT_OF_254, ...UNREACHABLE } = BOUNDARY_ADDRESSES;

const TITLE = 'Teen Quotes with LEGACY_HIDE_UNKNOWN_ACCOUNTS $hide, at the longest address an account can have';

describe.each([{ hide: false }, { hide: true }])(TITLE, ({ hide }) => {
  let deployment: LegacyDeployment;
  let accessToken: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: String(hide) });
    accessToken = await accessTokenFor(deployment, await deployment.addClient({ name: 'Teen Quotes', legacyApis: ['teenquotes'] }));
    expect((await deployment.users.createUser({ email: ACCOUNT_OF_254, password: 'known user password' })).created).toBe(true);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  const remind = (email: string) => call(deployment, '/v1/password/remind', { email }, 'form', { authorization: `Bearer ${accessToken}` });
  const reset = (email: string) =>
    call(deployment, '/v1/password/reset', { email, token: 'not-a-token-we-issued', password: 'long enough passphrase' }, 'form', {
      authorization: `Bearer ${accessToken}`,
    });

  it('reminds, and checks the token of, an account whose address has 254 characters', async () => {
    const reminded = await remind(ACCOUNT_OF_254);
    expect([reminded.status, reminded.json]).toEqual([200, REMINDER_SENT]);
    await nextResetMail(deployment, ACCOUNT_OF_254);
    expect((await reset(ACCOUNT_OF_254)).json).toEqual(WRONG_TOKEN);
  });

  for (const [shape, address] of Object.entries(UNREACHABLE)) {
    it(`answers remind and reset for an address ${shape} with wrong_user`, async () => {
      for (const answer of [await remind(address), await reset(address)]) expect([answer.status, answer.json]).toEqual([400, WRONG_USER]);
    });
  }
});
