import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  endpointFailures,
  startDirectoryApplication,
  startHttpStoreDeployment,
  type DirectoryApplication,
  type HttpStoreDeployment,
} from '../support/http-store.js';
import { antelPasswordScheme, cameramanagerPasswordScheme } from '../support/http-store-password-schemes.js';
import type { LegacyDeployment } from '../support/legacy-deployment.js';
import { callAntel, forgotAndReadTemporaryPassword, readOutbox } from './support/antel-contract.js';

// The README's recipe "Antel over an HTTP directory": the ServiceStack application keeps its users
// and its own PBKDF2 hashes, and serves the directory protocol; the service resets through it.
const DIRECTORY_TIMEOUT_MS = 1000;
const OLD_PASSWORD = 'the old password 1 ruby';

describe('Antel over an HTTP directory (the application’s own users and hashes)', () => {
  let antelUsers: DirectoryApplication;
  let cameras: DirectoryApplication;
  let store: HttpStoreDeployment;
  let deployment: LegacyDeployment;
  let apiKey: string;
  let users = 0;

  beforeAll(async () => {
    antelUsers = await startDirectoryApplication('antel-users', antelPasswordScheme);
    cameras = await startDirectoryApplication('cameras', cameramanagerPasswordScheme);
    store = await startHttpStoreDeployment([antelUsers, cameras], { timeout: `${DIRECTORY_TIMEOUT_MS}ms` });
    deployment = store.deployment;
    // The README's command, with the built CLI.
    ({ apiKey } = await store.addClientWithCli(['--name', 'Antel app', '--legacy', 'antel', '--directory', 'antel-users']));
  });
  afterAll(async () => {
    await store?.close();
    await antelUsers?.server.close();
    await cameras?.server.close();
  });
  beforeEach(() => {
    antelUsers.server.unscript('set-password');
  });

  async function newAntelUser(label: string) {
    users += 1;
    const email = `antel-${label}-${users}@example.com`;
    return { email, id: await antelUsers.addUser(email, OLD_PASSWORD) };
  }

  const reset = (temporaryPassword: string, email: string, password: string) =>
    callAntel(deployment, {
      path: '/user/password/reset',
      body: { TemporaryPassword: temporaryPassword, EmailAddress: email, Password: password, PasswordConfirm: password, ApiKey: apiKey },
    });

  const mailsTo = async (email: string, kind: string) =>
    (await readOutbox(deployment)).filter((mail) => mail.to === email && mail.kind === kind);

  const changedMail = (email: string) => deployment.waitForMail((mail) => mail.to === email && mail.kind === 'password-changed');

  it('resets the password in the application: forgot → temporary password mail → reset → changed mail, new password in its own format', async () => {
    const user = await newAntelUser('journey');
    const temporaryPassword = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);

    const answer = await reset(temporaryPassword, user.email, 'a brand new passphrase ruby');
    expect([answer.status, answer.dto]).toEqual([
      200,
      {
        systemUserId: 0,
        heading: 'Password changed',
        description: 'Your password has been changed. Sign in with your new password.',
        wasSuccessful: true,
      },
    ]);
    expect((await changedMail(user.email)).text).not.toContain(temporaryPassword);

    // The application's own check, on what its table now holds (ServiceStack's PBKDF2 layout, written by the application).
    expect(Buffer.from(antelUsers.server.accounts.get(user.id)?.passwordHash ?? '', 'base64')[0]).toBe(0x01);
    expect(await antelUsers.checkPassword(user.id, 'a brand new passphrase ruby')).toBe(true);
    expect(await antelUsers.checkPassword(user.id, OLD_PASSWORD)).toBe(false);
    const calls = antelUsers.server.calls.filter((call) => call.body.includes(`"${user.id}"`) || call.body.includes(user.email));
    expect(calls.map((call) => call.verification.ok)).not.toContain(false);
    expect(calls.filter((call) => call.endpoint === 'set-password')).toHaveLength(1);

    // Single use: the same temporary password again changes nothing.
    const again = await reset(temporaryPassword, user.email, 'yet another passphrase ruby');
    expect(again.dto).toMatchObject({ wasSuccessful: false, heading: 'Temporary password already used' });
    expect(await antelUsers.checkPassword(user.id, 'a brand new passphrase ruby')).toBe(true);
  });

  for (const failure of endpointFailures(() => antelUsers, 'set-password', DIRECTORY_TIMEOUT_MS)) {
    it(`answers reset 503 ServiceUnavailable while the application ${failure.title}, mails nothing, and the temporary password still works after`, async () => {
      const user = await newAntelUser('down');
      const temporaryPassword = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);

      failure.script();
      const startedAt = Date.now();
      const answer = await reset(temporaryPassword, user.email, 'the passphrase once mended 7');
      expect(Date.now() - startedAt).toBeLessThan(DIRECTORY_TIMEOUT_MS * 4);
      expect([answer.status, answer.headers.get('retry-after'), answer.dto]).toEqual([
        503,
        '5',
        {
          systemUserId: 0,
          wasSuccessful: false,
          responseStatus: {
            errorCode: 'ServiceUnavailable',
            message: 'The service is temporarily unavailable; try again later.',
            errors: [],
          },
        },
      ]);
      expect(antelUsers.server.calls.some((call) => call.endpoint === 'set-password' && call.body.includes(`"${user.id}"`))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await mailsTo(user.email, 'password-changed')).toEqual([]);
      expect(await antelUsers.checkPassword(user.id, OLD_PASSWORD)).toBe(true);

      // The application recovers: the same temporary password completes, once.
      antelUsers.server.unscript('set-password');
      const retried = await reset(temporaryPassword, user.email, 'the passphrase once mended 7');
      expect([retried.status, retried.dto['wasSuccessful']]).toEqual([200, true]);
      await changedMail(user.email);
      expect(await antelUsers.checkPassword(user.id, 'the passphrase once mended 7')).toBe(true);
      expect(await antelUsers.checkPassword(user.id, OLD_PASSWORD)).toBe(false);
      expect(await mailsTo(user.email, 'password-changed')).toHaveLength(1);
    });
  }

  it('does not reach the users of another directory: an address only the Cameramanager application has is "No account", and gets no mail', async () => {
    const email = `camera-only-${Date.now().toString(36)}@example.com`;
    await cameras.addUser(email, 'a camera password 1');

    const answer = await callAntel(deployment, { path: '/user/password/forgot', body: { EmailAddress: email, ApiKey: apiKey } });
    expect([answer.status, answer.dto]).toEqual([
      200,
      { systemUserId: 0, heading: 'No account', description: 'There is no account with this email address.', wasSuccessful: false },
    ]);
    expect(antelUsers.server.calls.some((call) => call.endpoint === 'find-by-email' && call.body.includes(email))).toBe(true);
    expect(cameras.server.calls.filter((call) => call.body.includes(email))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readOutbox(deployment)).filter((mail) => mail.to === email)).toEqual([]);
  });
});
