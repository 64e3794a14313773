import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../../../src/redis/redis-keys.js';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { antelDocument, callAntel, forgotAndReadTemporaryPassword, newAntelUser, type AntelResponse } from './support/antel-contract.js';

interface Example {
  readonly value: unknown;
}
interface DocumentWithExamples {
  readonly components: {
    readonly requestBodies: Record<string, { content: Record<string, { examples: Record<string, Example> }> }>;
    readonly responses: Record<string, { content: Record<string, { examples: Record<string, Example> }> }>;
  };
}
// The loader types only what the validator reads; the examples are there too.
const documented = antelDocument as unknown as DocumentWithExamples;

function exampleOf(response: string, name: string, mediaType: 'application/json' | 'text/jsv'): unknown {
  const value = documented.components.responses[response]?.content[mediaType]?.examples[name]?.value;
  expect(value, `${response}.${name} in ${mediaType}`).toBeDefined();
  return value;
}

/** The answer is exactly the example the OpenAPI document shows for it, in the format it came in. */
function expectExample(response: AntelResponse, component: string, name: string): void {
  if (response.contentType?.startsWith('text/jsv')) expect(response.body).toBe(exampleOf(component, name, 'text/jsv'));
  else expect(response.dto).toEqual(exampleOf(component, name, 'application/json'));
}

describe('the Antel documented examples, replayed against the real server', () => {
  let deployment: LegacyDeployment;
  let apiKey: string;
  const keys = redisKeys('pwreset');

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    ({ apiKey } = await deployment.addClient({ name: 'Antel Examples', legacyApis: ['antel'] }));
  });
  afterAll(async () => {
    await deployment.close();
  });

  describe('the legacy document', () => {
    it('answers its sample JSV request, filled in and laid out as printed, 200 in JSV with its response properties (deviation: null responseStatus omitted)', async () => {
      const sample = documented.components.requestBodies['ResetUserPassword']?.content['text/jsv']?.examples['documented']?.value;
      expect(sample).toBe(
        '{\ntemporaryPassword: String,\nemailAddress: String,\npassword: String,\npasswordConfirm: String,\napiKey: String,\nlatitude: 0,\nlongitude: 0\n}',
      );
      const user = await newAntelUser(deployment, 'documented');
      const temporaryPassword = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      // The placeholders replaced with real values, the layout (and its spaces) kept.
      const filledIn = String(sample)
        .replace('temporaryPassword: String', `temporaryPassword: ${temporaryPassword}`)
        .replace('emailAddress: String', `emailAddress: ${user.email}`)
        .replace('password: String', 'password: sample layout passphrase')
        .replace('passwordConfirm: String', 'passwordConfirm: sample layout passphrase')
        .replace('apiKey: String', `apiKey: ${apiKey}`);

      const response = await callAntel(deployment, {
        path: '/user/password/reset',
        contentType: 'text/jsv',
        accept: 'text/jsv',
        body: filledIn,
      });

      // The document's response: "HTTP/1.1 200 OK", "Content-Type: text/jsv", "Content-Length: length".
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/jsv; charset=utf-8');
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(response.body));
      const sampleResponse = String(exampleOf('ResetOutcome', 'documented', 'text/jsv'));
      for (const property of ['systemUserId', 'description', 'heading', 'wasSuccessful']) expect(sampleResponse).toContain(`${property}:`);
      expect(Object.keys(response.dto)).toEqual(['systemUserId', 'description', 'heading', 'wasSuccessful']);
      expect(response.dto).toMatchObject({ systemUserId: 0, wasSuccessful: true });
    });

    it('binds white space after a colon into the value, as ServiceStack does: the new password of the sample layout starts with a space', async () => {
      const user = await newAntelUser(deployment, 'spaces');
      const temporaryPassword = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      const body = `{\ntemporaryPassword: ${temporaryPassword},\npassword: spaced passphrase,\npasswordConfirm: spaced passphrase,\napiKey: ${apiKey}\n}`;
      expect((await callAntel(deployment, { path: '/user/password/reset', contentType: 'text/jsv', body })).dto).toMatchObject({
        wasSuccessful: true,
      });
      expect(await deployment.users.verifyPassword(user.userId, ' spaced passphrase')).toBe(true);
    });
  });

  describe('the OpenAPI examples of reset outcomes', () => {
    const resetBody = (temporaryPassword: string, password: string, email?: string) => ({
      TemporaryPassword: temporaryPassword,
      ...(email === undefined ? {} : { EmailAddress: email }),
      Password: password,
      PasswordConfirm: password,
      ApiKey: apiKey,
    });

    it('answers a completed reset with the success example', async () => {
      const user = await newAntelUser(deployment, 'success');
      const code = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'a fine new passphrase', user.email) }),
        'ResetOutcome',
        'success',
      );
    });

    it('answers a wrong temporary password 200 wasSuccessful false, with the wrongTemporaryPassword example', async () => {
      const user = await newAntelUser(deployment, 'wrong');
      await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset', body: resetBody('ABCDEFGHJK', 'a fine new passphrase', user.email) }),
        'ResetOutcome',
        'wrongTemporaryPassword',
      );
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset?format=jsv', body: resetBody('ABCDEFGHJK', 'a fine new passphrase') }),
        'ResetOutcome',
        'wrongTemporaryPassword',
      );
    });

    it('answers a used temporary password with the used example', async () => {
      const user = await newAntelUser(deployment, 'used');
      const code = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'a fine new passphrase') });
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'another fine passphrase') }),
        'ResetOutcome',
        'used',
      );
    });

    it('answers an expired temporary password with the expired example', async () => {
      const user = await newAntelUser(deployment, 'expired');
      const code = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      await deployment.redis.hset(
        keys.temporaryPassword({ directory: 'default', userId: user.userId }),
        'expiresAt',
        String(Date.now() - 1_000),
      );
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'a fine new passphrase', user.email) }),
        'ResetOutcome',
        'expired',
      );
      expect(await deployment.users.verifyPassword(user.userId, user.password)).toBe(true);
    });

    it('locks the temporary password after 10 wrong attempts against the account, then answers even the right one with the locked example', async () => {
      const user = await newAntelUser(deployment, 'locked');
      const code = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      const answers: unknown[] = [];
      for (let attempt = 0; attempt < 10; attempt += 1) {
        answers.push(
          (
            await callAntel(deployment, {
              path: '/user/password/reset',
              body: resetBody('WRNGWRNG22', 'a fine new passphrase', user.email),
            })
          ).dto['heading'],
        );
      }
      expect(answers).toEqual([...Array(9).fill('Invalid temporary password'), 'Temporary password locked']);
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'a fine new passphrase', user.email) }),
        'ResetOutcome',
        'locked',
      );
      expect(await deployment.users.verifyPassword(user.userId, user.password)).toBe(true);
    });

    it('answers an EmailAddress without an account with the unknownAccount example', async () => {
      expectExample(
        await callAntel(deployment, {
          path: '/user/password/reset',
          body: resetBody('ABCDEFGHJK', 'a fine new passphrase', 'nobody-at-all@example.com'),
        }),
        'ResetOutcome',
        'unknownAccount',
      );
    });

    it('answers a password the policy refuses with the passwordRejected example, and the temporary password still works', async () => {
      const user = await newAntelUser(deployment, 'policy');
      const code = await forgotAndReadTemporaryPassword(deployment, apiKey, user.email);
      expectExample(
        await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'Zq9#xW', user.email) }),
        'ResetOutcome',
        'passwordRejected',
      );
      expect(
        (await callAntel(deployment, { path: '/user/password/reset', body: resetBody(code, 'a fine new passphrase', user.email) })).dto,
      ).toMatchObject({ wasSuccessful: true });
    });
  });

  describe('the OpenAPI examples of forgot outcomes', () => {
    it('answers a known address with the sent example and an unknown one with the unknownAccount example', async () => {
      const user = await newAntelUser(deployment, 'forgot');
      expectExample(
        await callAntel(deployment, { path: '/user/password/forgot', body: { EmailAddress: user.email, ApiKey: apiKey } }),
        'ForgotOutcome',
        'sent',
      );
      expectExample(
        await callAntel(deployment, { path: '/user/password/forgot.jsv', body: { EmailAddress: 'nobody@example.com', ApiKey: apiKey } }),
        'ForgotOutcome',
        'unknownAccount',
      );
    });
  });

  describe('the OpenAPI examples of errors', () => {
    const complete = () => ({
      TemporaryPassword: 'ABCDEFGHJK',
      Password: 'a fine new passphrase',
      PasswordConfirm: 'a fine new passphrase',
      ApiKey: apiKey,
    });

    for (const format of ['json', 'jsv'] as const) {
      it(`answers each validation failure with its example, in ${format.toUpperCase()}`, async () => {
        const path = `/user/password/reset?format=${format}`;
        const { TemporaryPassword: _omitted, ...withoutTemporaryPassword } = complete();
        expectExample(await callAntel(deployment, { path, body: withoutTemporaryPassword }), 'BadRequest', 'temporaryPasswordMissing');
        expectExample(
          await callAntel(deployment, { path, body: { ...complete(), PasswordConfirm: 'something else' } }),
          'BadRequest',
          'confirmationDiffers',
        );
        expectExample(await callAntel(deployment, { path, body: { ApiKey: apiKey } }), 'BadRequest', 'everythingMissing');
        expectExample(
          await callAntel(deployment, { path: `/user/password/forgot.${format}`, body: { ApiKey: apiKey } }),
          'BadRequest',
          'forgotEmailMissing',
        );
        expectExample(
          await callAntel(deployment, { path, contentType: 'application/json', body: '{"ApiKey":' }),
          'BadRequest',
          'unbindable',
        );
      });

      it(`answers transport errors with their examples, in ${format.toUpperCase()}`, async () => {
        const accept = format === 'jsv' ? 'text/jsv' : 'application/json';
        expectExample(
          await callAntel(deployment, { path: '/user/password/reset', accept, body: { ...complete(), ApiKey: undefined } }),
          'Unauthorized',
          'apiKey',
        );
        expectExample(await callAntel(deployment, { path: '/user/password/change', accept, body: complete() }), 'NotFound', 'unknownPath');
        expectExample(await callAntel(deployment, { path: '/user/password/reset', method: 'GET', accept }), 'MethodNotAllowed', 'get');
        expectExample(
          await callAntel(deployment, { path: '/user/password/reset', accept, contentType: 'application/json', body: 'x'.repeat(20_000) }),
          'PayloadTooLarge',
          'tooLarge',
        );
        expectExample(
          await callAntel(deployment, {
            path: '/user/password/reset',
            accept,
            contentType: 'application/xml',
            body: '<ResetUserPassword/>',
          }),
          'UnsupportedMediaType',
          'xml',
        );
      });
    }
  });
});
