import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { alerts, bindTrafficOpsClient, createUser, mailsTo, pick, postResetPassword, successFor } from './trafficops-support.js';

const KNOWN = 'known@example.com';
const UNKNOWN = 'unknown@example.com';
const COMPARED_HEADERS = ['content-type', 'cache-control', 'vary', 'x-server-name', 'access-control-allow-origin'];

describe('LEGACY_HIDE_UNKNOWN_ACCOUNTS on Traffic Ops’ user/reset_password', () => {
  let revealing: LegacyDeployment;
  let hiding: LegacyDeployment;

  beforeAll(async () => {
    [revealing, hiding] = await Promise.all([startLegacyDeployment(), startLegacyDeployment({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true' })]);
    for (const deployment of [revealing, hiding]) {
      await bindTrafficOpsClient(deployment);
      await createUser(deployment, KNOWN);
    }
  });
  afterAll(async () => {
    await Promise.all([revealing?.close(), hiding?.close()]);
  });

  /** Asks for the unknown address, then the known one, and waits for the known one's mail. */
  async function askForBoth(deployment: LegacyDeployment, unknownForm: string) {
    const unknown = await postResetPassword(deployment.url, JSON.stringify({ email: unknownForm }));
    const known = await postResetPassword(deployment.url, JSON.stringify({ email: KNOWN }));
    await deployment.waitForMail((mail) => mail.to === KNOWN);
    // Mails leave in order; give a stray one for the unknown address time to show up anyway.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { unknown, known };
  }

  it('is off by default: an unknown address gets the 404 of Traffic Ops, and no mail is sent', async () => {
    const { unknown, known } = await askForBoth(revealing, UNKNOWN);
    expect([known.status, known.json]).toEqual([200, successFor(KNOWN)]);
    expect([unknown.status, unknown.json]).toEqual([404, alerts('error', `No account with the email address '${UNKNOWN}' was found!`)]);
    expect(await mailsTo(revealing, UNKNOWN)).toBe(0);
  });

  it('when on, answers an unknown address with the status, body and headers of a known one, and sends no mail', async () => {
    const { unknown, known } = await askForBoth(hiding, `Someone <${UNKNOWN}>`);
    expect([known.status, known.json]).toEqual([200, successFor(KNOWN)]);
    // The same answer, word for word, but for the address it echoes (the caller's own).
    expect([unknown.status, unknown.json]).toEqual([known.status, successFor(UNKNOWN)]);
    expect(unknown.body.replace(UNKNOWN, KNOWN)).toBe(known.body);
    expect(pick(unknown.headers, COMPARED_HEADERS)).toEqual(pick(known.headers, COMPARED_HEADERS));
    expect(await mailsTo(hiding, UNKNOWN)).toBe(0);
    expect(await mailsTo(hiding, KNOWN)).toBe(1);
  });

  it('when on, still refuses what is not an address, as it does when off', async () => {
    for (const deployment of [revealing, hiding]) {
      const answer = await postResetPassword(deployment.url, JSON.stringify({ email: 'nobody' }));
      expect([answer.status, answer.json]).toEqual([
        400,
        alerts('error', "Malformed request: Couldn't parse 'nobody' as an email address: mail: missing '@' or angle-addr"),
      ]);
    }
  });
});
