import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import {
  callAntel,
  forgotAndReadTemporaryPassword,
  newAntelUser,
  readOutbox,
  waitForOutboxMail,
  type AntelResponse,
} from './support/antel-contract.js';

// LEGACY_HIDE_UNKNOWN_ACCOUNTS on Antel's request-side endpoint (forgot), both ways, in both
// formats; and on reset's optional EmailAddress, which otherwise reveals "No account" too.
const answerOf = (response: AntelResponse) => ({ status: response.status, contentType: response.contentType, body: response.body });

/** Waits long enough for the worker to have mailed, then lists what reached these addresses. */
async function mailsTo(deployment: LegacyDeployment, ...addresses: string[]) {
  await waitForOutboxMail(deployment, (mail) => mail.kind === 'temporary-password' && mail.to === addresses[0]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return (await readOutbox(deployment)).filter((mail) => addresses.includes(mail.to));
}

for (const hide of [false, true]) {
  describe(`the Antel API with LEGACY_HIDE_UNKNOWN_ACCOUNTS=${hide}`, () => {
    let deployment: LegacyDeployment;
    let apiKey: string;

    beforeAll(async () => {
      deployment = await startLegacyDeployment({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: String(hide) });
      ({ apiKey } = await deployment.addClient({ name: 'Antel Enumeration', legacyApis: ['antel'] }));
    });
    afterAll(async () => {
      await deployment.close();
    });

    for (const path of ['/user/password/forgot', '/user/password/forgot.jsv']) {
      it(
        hide
          ? `answers forgot for an unknown address with the same status and body as for a known one, and mails nobody (${path})`
          : `reveals an unknown address on forgot with 200 wasSuccessful false "No account", as Antel does (${path})`,
        async () => {
          const known = await newAntelUser(deployment, 'known');
          const unknown = `ghost-${Date.now().toString(36)}-${path.length}@example.com`;

          // The unknown address first: by the time the known one's mail is out, its job has run too.
          const unknownAnswer = await callAntel(deployment, { path, body: { EmailAddress: unknown, ApiKey: apiKey } });
          const knownAnswer = await callAntel(deployment, { path, body: { EmailAddress: known.email, ApiKey: apiKey } });

          expect(knownAnswer.status).toBe(200);
          expect(knownAnswer.dto).toMatchObject({ wasSuccessful: true, heading: 'Temporary password sent' });
          if (hide) {
            expect(answerOf(unknownAnswer)).toEqual(answerOf(knownAnswer));
          } else {
            expect(unknownAnswer.status).toBe(200);
            expect(unknownAnswer.dto).toEqual({
              systemUserId: 0,
              heading: 'No account',
              description: 'There is no account with this email address.',
              wasSuccessful: false,
            });
          }
          const mails = await mailsTo(deployment, known.email, unknown);
          expect(mails.map((mail) => mail.to)).toEqual([known.email]);
        },
      );
    }

    it(
      hide
        ? 'answers reset with an unknown EmailAddress exactly like a wrong temporary password for a known one'
        : 'reveals an unknown EmailAddress on reset with "No account"',
      async () => {
        const known = await newAntelUser(deployment, 'reset-known');
        await forgotAndReadTemporaryPassword(deployment, apiKey, known.email);
        const body = (email: string) => ({
          EmailAddress: email,
          TemporaryPassword: 'ABCDEFGHJK',
          Password: 'a fine passphrase',
          PasswordConfirm: 'a fine passphrase',
          ApiKey: apiKey,
        });

        const knownAnswer = await callAntel(deployment, { path: '/user/password/reset', body: body(known.email) });
        const unknownAnswer = await callAntel(deployment, { path: '/user/password/reset', body: body('nobody-here@example.com') });

        expect(knownAnswer.dto).toMatchObject({ wasSuccessful: false, heading: 'Invalid temporary password' });
        if (hide) expect(answerOf(unknownAnswer)).toEqual(answerOf(knownAnswer));
        else expect(unknownAnswer.dto).toMatchObject({ wasSuccessful: false, heading: 'No account' });
      },
    );
  });
}
