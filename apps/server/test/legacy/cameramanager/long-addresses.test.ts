import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES, NFKC_LENGTHENED_ADDRESS } from '../support/long-addresses.js';
import { accessTokenFor, requestPasswordReset } from './cameramanager-client.js';

// The document bounds `email` at 128 characters, so the longer boundaries are its validation
// error, as before. An address within it that NFKC lengthens past any account's (254) reaches
// the engine and is an unknown account: 404 code 1200, or 204 when unknown accounts are hidden.
const { 'that NFKC lengthens from 32 to 372 characters': _lengthened, ...TOO_LONG_FOR_THE_DOCUMENT } = BOUNDARY_ADDRESSES;

describe.each([
  {
    hidden: false,
    environment: {},
    unknownAccount: { status: 404, json: { code: 1200, title: 'Resource not found', detail: 'No account has this address.' } },
  },
  { hidden: true, environment: { LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true' }, unknownAccount: { status: 204, body: '' } },
])('Cameramanager passwordResets with LEGACY_HIDE_UNKNOWN_ACCOUNTS $hidden, at long addresses', ({ environment, unknownAccount }) => {
  let deployment: LegacyDeployment;
  let token: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment(environment);
    token = await accessTokenFor(deployment, await deployment.addClient({ name: 'Cameramanager', legacyApis: ['cameramanager'] }));
  });
  afterAll(async () => {
    await deployment?.close();
  });

  for (const [shape, address] of Object.entries(TOO_LONG_FOR_THE_DOCUMENT)) {
    it(`refuses an address ${shape} with the document’s validation error`, async () => {
      expect(await requestPasswordReset(deployment, token, { email: address })).toMatchObject({
        status: 400,
        json: { code: 1000, detail: 'email: must be 3 to 128 characters' },
      });
    });
  }

  it('answers an address that NFKC lengthens from 32 to 372 characters as an unknown account', async () => {
    expect(await requestPasswordReset(deployment, token, { email: NFKC_LENGTHENED_ADDRESS })).toMatchObject(unknownAccount);
  });
});
