import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { accessTokenFor, documentedExample, requestPasswordReset, type CameramanagerAnswer } from './cameramanager-client.js';

/** What a caller can compare between two answers: everything but the per-response headers. */
function visible(answer: CameramanagerAnswer) {
  const headers = [...answer.headers.entries()].filter(([name]) => !['date', 'x-request-id'].includes(name));
  return { status: answer.status, body: answer.body, headers };
}

describe.each<{ hidden: boolean; environment: Record<string, string> }>([
  { hidden: false, environment: {} },
  { hidden: true, environment: { LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true' } },
])('Cameramanager with LEGACY_HIDE_UNKNOWN_ACCOUNTS $hidden', ({ hidden, environment }) => {
  let deployment: LegacyDeployment;
  let token: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment(environment);
    token = await accessTokenFor(deployment, await deployment.addClient({ name: 'Cameramanager', legacyApis: ['cameramanager'] }));
    await deployment.users.createUser({ email: 'known@example.com', password: 'old-password-1' });
    const disabled = await deployment.users.createUser({ email: 'disabled@example.com', password: 'old-password-1' });
    if (disabled.created) await deployment.users.setDisabled(disabled.userId, true);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it(
    hidden
      ? 'answers an unknown or disabled address exactly as a known one (204, no body, same headers) and mails only the known one'
      : 'answers an unknown or disabled address 404 code 1200, as documented, and mails only the known one',
    async () => {
      // The unknown addresses first: their jobs are queued before the known one's mail is awaited.
      const unknown = await requestPasswordReset(deployment, token, { email: 'unknown@example.com' });
      const disabled = await requestPasswordReset(deployment, token, { email: 'disabled@example.com' });
      const known = await requestPasswordReset(deployment, token, { email: 'known@example.com' });
      expect(visible(known)).toMatchObject({ status: 204, body: '' });
      if (hidden) {
        expect(visible(unknown)).toEqual(visible(known));
        expect(visible(disabled)).toEqual(visible(known));
      } else {
        for (const answer of [unknown, disabled])
          expect([answer.status, answer.json]).toEqual([404, documentedExample({ response: 'resourceNotFound' }, 'unknownAccount')]);
      }
      await deployment.waitForMail((mail) => mail.to === 'known@example.com' && mail.kind === 'password-reset');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const recipients = (await deployment.mails()).map((mail) => mail.to);
      expect(recipients).toEqual(['known@example.com']);
    },
  );
});
