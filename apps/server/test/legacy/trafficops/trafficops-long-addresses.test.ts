import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES } from '../support/long-addresses.js';
import { alerts, bindTrafficOpsClient, createUser, postResetPassword, successFor } from './trafficops-support.js';

// Go's net/mail sets no length limit, so the real server looks any parsed address up and answers
// 404 "No account …" (or, with the enumeration switch on, the success a known address gets).
// Ours must do the same for an address no account can have: longer than 254 characters, as
// sent or once NFKC has expanded it. Never a 500.
const { 'of 254 characters': ACCOUNT_OF_254, ...UNREACHABLE } = BOUNDARY_ADDRESSES;

describe('Traffic Ops’ user/reset_password at the longest address an account can have', () => {
  let revealing: LegacyDeployment;
  let hiding: LegacyDeployment;

  beforeAll(async () => {
    [revealing, hiding] = await Promise.all([startLegacyDeployment(), startLegacyDeployment({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true' })]);
    for (const deployment of [revealing, hiding]) {
      await bindTrafficOpsClient(deployment);
      await createUser(deployment, ACCOUNT_OF_254);
    }
  });
  afterAll(async () => {
    await Promise.all([revealing?.close(), hiding?.close()]);
  });

  it('sends a reset to an account whose address has 254 characters, either way', async () => {
    for (const deployment of [revealing, hiding]) {
      const answer = await postResetPassword(deployment.url, JSON.stringify({ email: ACCOUNT_OF_254 }));
      expect([answer.status, answer.json]).toEqual([200, successFor(ACCOUNT_OF_254)]);
      await deployment.waitForMail((mail) => mail.to === ACCOUNT_OF_254);
    }
  });

  for (const [shape, address] of Object.entries(UNREACHABLE)) {
    it(`answers an address ${shape} with Traffic Ops’ 404 for an unknown account`, async () => {
      const answer = await postResetPassword(revealing.url, JSON.stringify({ email: address }));
      expect([answer.status, answer.json]).toEqual([404, alerts('error', `No account with the email address '${address}' was found!`)]);
    });

    it(`answers an address ${shape}, with unknown accounts hidden, as a known one`, async () => {
      const answer = await postResetPassword(hiding.url, JSON.stringify({ email: address }));
      expect([answer.status, answer.json]).toEqual([200, successFor(address)]);
    });
  }
});
