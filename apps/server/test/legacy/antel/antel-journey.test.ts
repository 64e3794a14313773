import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { callAntel, forgotAndReadTemporaryPassword, newAntelUser, waitForOutboxMail, type AntelCall } from './support/antel-contract.js';

// Antel's whole flow against the real server: forgot → the temporary password from the mail →
// reset, in every way a ServiceStack client may send it → the "password changed" mail → the new
// password works. One user per way, since a temporary password is single use.
describe('the Antel journey', () => {
  let deployment: LegacyDeployment;
  let apiKey: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    ({ apiKey } = await deployment.addClient({ name: 'Antel Journey', legacyApis: ['antel'] }));
  });
  afterAll(async () => {
    await deployment.close();
  });

  const jsvRequest = (fields: Record<string, string | number>) =>
    `{${Object.entries(fields)
      .map(([key, value]) => `${key}:${value}`)
      .join(',')}}`;

  const ways: {
    title: string;
    call: (fields: { temporaryPassword: string; email: string; password: string }) => AntelCall;
    format: 'json' | 'jsv';
  }[] = [
    {
      title: 'as JSON',
      format: 'json',
      call: ({ temporaryPassword, email, password }) => ({
        path: '/user/password/reset',
        body: {
          TemporaryPassword: temporaryPassword,
          EmailAddress: email,
          Password: password,
          PasswordConfirm: password,
          ApiKey: apiKey,
          Latitude: -34.9011,
          Longitude: -56.1645,
        },
      }),
    },
    {
      title: 'as JSV, answered in JSV for Accept: text/jsv',
      format: 'jsv',
      call: ({ temporaryPassword, email, password }) => ({
        path: '/user/password/reset',
        contentType: 'text/jsv',
        accept: 'text/jsv',
        body: jsvRequest({
          TemporaryPassword: temporaryPassword,
          EmailAddress: email,
          Password: `"${password}"`,
          PasswordConfirm: `"${password}"`,
          ApiKey: apiKey,
          Latitude: 0,
          Longitude: 0,
        }),
      }),
    },
    {
      title: 'as a form',
      format: 'json',
      call: ({ temporaryPassword, email, password }) => ({
        path: '/user/password/reset',
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({
          TemporaryPassword: temporaryPassword,
          EmailAddress: email,
          Password: password,
          PasswordConfirm: password,
          ApiKey: apiKey,
        }).toString(),
      }),
    },
    {
      title: 'with the .jsv suffix',
      format: 'jsv',
      call: ({ temporaryPassword, password }) => ({
        path: '/user/password/reset.jsv',
        body: { TemporaryPassword: temporaryPassword, Password: password, PasswordConfirm: password, ApiKey: apiKey },
      }),
    },
    {
      title: 'with ?format=jsv',
      format: 'jsv',
      call: ({ temporaryPassword, email, password }) => ({
        path: '/user/password/reset?format=jsv',
        contentType: 'application/jsv',
        body: jsvRequest({
          TemporaryPassword: temporaryPassword,
          EmailAddress: email,
          Password: `"${password}"`,
          PasswordConfirm: `"${password}"`,
          ApiKey: apiKey,
        }),
      }),
    },
    {
      title: 'with mixed-case property names',
      format: 'json',
      call: ({ temporaryPassword, email, password }) => ({
        path: '/user/password/reset',
        body: { temporarypassword: temporaryPassword, EMAILADDRESS: email, password, passwordConfirm: password, aPiKeY: apiKey },
      }),
    },
    {
      title: 'in the query string, with the temporary password typed in lower case',
      format: 'json',
      call: ({ temporaryPassword, email, password }) => ({
        path: `/user/password/reset?${new URLSearchParams({ temporaryPassword: temporaryPassword.toLowerCase(), emailAddress: email, password, passwordConfirm: password, apiKey })}`,
      }),
    },
  ];

  for (const way of ways) {
    it(`resets the password with the mailed temporary password ${way.title}, then mails "password changed" and the new password works`, async () => {
      const user = await newAntelUser(deployment, 'journey');
      const temporaryPassword = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      const newPassword = `a brand new passphrase ${way.format}`;

      const response = await callAntel(deployment, way.call({ temporaryPassword, email: user.email, password: newPassword }));

      expect(response.status).toBe(200);
      expect(response.contentType).toBe(way.format === 'jsv' ? 'text/jsv; charset=utf-8' : 'application/json; charset=utf-8');
      expect(response.dto).toEqual({
        systemUserId: 0,
        heading: 'Password changed',
        description: 'Your password has been changed. Sign in with your new password.',
        wasSuccessful: true,
      });
      if (way.format === 'jsv') {
        expect(response.body).toBe(
          '{systemUserId:0,description:Your password has been changed. Sign in with your new password.,heading:Password changed,wasSuccessful:True}',
        );
      }
      const changed = await waitForOutboxMail(deployment, (mail) => mail.kind === 'password-changed' && mail.to === user.email);
      expect(changed.subject).toMatch(/changed/i);
      expect(await deployment.users.verifyPassword(user.userId, newPassword)).toBe(true);
      expect(await deployment.users.verifyPassword(user.userId, user.password)).toBe(false);

      // Single use: the same temporary password a second time is refused, and changes nothing.
      const again = await callAntel(deployment, way.call({ temporaryPassword, email: user.email, password: 'yet another passphrase' }));
      expect(again.status).toBe(200);
      expect(again.dto).toMatchObject({ wasSuccessful: false, heading: 'Temporary password already used' });
      expect(await deployment.users.verifyPassword(user.userId, newPassword)).toBe(true);
    });
  }

  it('mails a newer temporary password on a second forgot, and only the newer one works', async () => {
    const user = await newAntelUser(deployment, 'twice');
    const older = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
    const newer = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
    expect(newer).not.toBe(older);
    const body = (temporaryPassword: string) => ({
      TemporaryPassword: temporaryPassword,
      Password: 'the newest passphrase',
      PasswordConfirm: 'the newest passphrase',
      ApiKey: apiKey,
    });
    expect((await callAntel(deployment, { path: '/user/password/reset', body: body(older) })).dto).toMatchObject({ wasSuccessful: false });
    expect((await callAntel(deployment, { path: '/user/password/reset', body: body(newer) })).dto).toMatchObject({ wasSuccessful: true });
  });
});
