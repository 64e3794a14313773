import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { accessTokenFor, call, REMINDER_SENT, send, TOKEN_MISSING, TOKEN_NOT_VALID } from './teenquotes-support.js';

const check = (parameter: string) =>
  `The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed. Check the "${parameter}" parameter.`;

describe('Teen Quotes authentication: POST /oauth and the access token every /v1 resource needs', () => {
  let deployment: LegacyDeployment;
  let credentials: { clientId: string; clientSecret: string };
  let accessToken: string;
  const email = 'known@quotes.example';

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    credentials = await deployment.addClient({ name: 'Teen Quotes', legacyApis: ['teenquotes'] });
    await deployment.users.createUser({ email, password: 'known user password' });
    accessToken = await accessTokenFor(deployment, credentials);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  const remind = (headers: Record<string, string>, parameters: Record<string, string> = {}) =>
    call(deployment, '/v1/password/remind', { email, ...parameters }, 'form', headers);

  it('answers “Access token is missing” without a token, or with a bare “Bearer”', async () => {
    for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Bearer    ' }] as Array<Record<string, string>>) {
      const answer = await remind(headers);
      expect([answer.status, answer.json]).toEqual([401, TOKEN_MISSING]);
    }
  });

  it('answers “Access token is not valid” for an unknown token, another scheme, or an over-long one', async () => {
    for (const authorization of [
      'Bearer jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      const answer = await remind({ authorization });
      expect([answer.status, answer.json]).toEqual([401, TOKEN_NOT_VALID]);
    }
  });

  it('accepts the token in the header, bare in the header, in the body or in the query string', async () => {
    expect((await remind({ authorization: `Bearer ${accessToken}` })).json).toEqual(REMINDER_SENT);
    expect((await remind({ authorization: accessToken })).json).toEqual(REMINDER_SENT);
    expect((await remind({}, { access_token: accessToken })).json).toEqual(REMINDER_SENT);
    expect((await call(deployment, '/v1/password/remind', { email, access_token: accessToken }, 'query')).json).toEqual(REMINDER_SENT);
  });

  it('lets a non-empty Authorization header win over the access_token parameter, as league/oauth2-server 3.x does', async () => {
    const answer = await remind({ authorization: 'Bearer not-ours' }, { access_token: accessToken });
    expect([answer.status, answer.json]).toEqual([401, TOKEN_NOT_VALID]);
  });

  it('answers “not valid” once the token has expired', async () => {
    const keysBefore = new Set(await deployment.redis.keys('pwreset:access-token:*'));
    const expiring = await accessTokenFor(deployment, credentials);
    const [key] = (await deployment.redis.keys('pwreset:access-token:*')).filter((candidate) => !keysBefore.has(candidate));
    expect(key).toBeDefined();
    await deployment.redis.pexpire(key!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await remind({ authorization: `Bearer ${expiring}` })).json).toEqual(TOKEN_NOT_VALID);
  });

  it('answers “not valid” once the application is revoked, and invalid_client to its credentials', async () => {
    const doomed = await deployment.addClient({ name: 'Revoked Quotes', legacyApis: ['teenquotes'] });
    const token = await accessTokenFor(deployment, doomed);
    expect((await deployment.clients.revoke(doomed.clientId)).ok).toBe(true);
    expect((await remind({ authorization: `Bearer ${token}` })).json).toEqual(TOKEN_NOT_VALID);
    const again = await call(
      deployment,
      '/oauth',
      { grant_type: 'client_credentials', client_id: doomed.clientId, client_secret: doomed.clientSecret },
      'form',
    );
    expect([again.status, again.json]).toEqual([401, { error: 'invalid_client', error_description: 'Client authentication failed' }]);
  });

  it('deviation: treats the valid token of an application not allowed to use Teen Quotes as not valid, and refuses it a token here', async () => {
    const outsider = await deployment.addClient({ name: 'Antel App', legacyApis: ['antel'] });
    const rfcToken = await fetch(`${deployment.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: outsider.clientId, client_secret: outsider.clientSecret }),
    });
    expect(rfcToken.status).toBe(200);
    const { access_token: token } = (await rfcToken.json()) as { access_token: string };
    expect((await remind({ authorization: `Bearer ${token}` })).json).toEqual(TOKEN_NOT_VALID);
    const here = await call(
      deployment,
      '/oauth',
      { grant_type: 'client_credentials', client_id: outsider.clientId, client_secret: outsider.clientSecret },
      'json',
    );
    expect([here.status, here.json]).toEqual([401, { error: 'invalid_client', error_description: 'Client authentication failed' }]);
  });

  it('asks /oauth for grant_type, then client_id, then client_secret, in league/oauth2-server’s words', async () => {
    const cases: ReadonlyArray<readonly [Record<string, string>, unknown]> = [
      [
        { client_id: credentials.clientId, client_secret: credentials.clientSecret },
        { error: 'invalid_request', error_description: check('grant_type') },
      ],
      [
        { grant_type: 'client_credentials', client_secret: credentials.clientSecret },
        { error: 'invalid_request', error_description: check('client_id') },
      ],
      [
        { grant_type: 'client_credentials', client_id: credentials.clientId },
        { error: 'invalid_request', error_description: check('client_secret') },
      ],
    ];
    for (const [parameters, expected] of cases) {
      const answer = await call(deployment, '/oauth', parameters, 'form');
      expect([answer.status, answer.json]).toEqual([400, expected]);
    }
  });

  it('deviation: answers 400 unsupported_grant_type (not the document’s 501) to the password and refresh_token grants', async () => {
    for (const grant of ['password', 'refresh_token']) {
      const answer = await call(
        deployment,
        '/oauth',
        {
          grant_type: grant,
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          username: email,
          password: 'known user password',
        },
        'form',
      );
      expect([answer.status, answer.json]).toEqual([
        400,
        {
          error: 'unsupported_grant_type',
          error_description: `The authorization grant type "${grant}" is not supported by the authorization server`,
        },
      ]);
    }
  });

  it('answers invalid_client to a wrong secret, naming Basic in WWW-Authenticate only when Basic was tried', async () => {
    const byForm = await call(
      deployment,
      '/oauth',
      { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: 'wrong' },
      'form',
    );
    expect([byForm.status, byForm.headers.get('www-authenticate'), byForm.json]).toEqual([
      401,
      null,
      { error: 'invalid_client', error_description: 'Client authentication failed' },
    ]);
    const basic = `Basic ${Buffer.from(`${credentials.clientId}:wrong`).toString('base64')}`;
    const byBasic = await call(deployment, '/oauth', { grant_type: 'client_credentials' }, 'query', { authorization: basic });
    expect([byBasic.status, byBasic.headers.get('www-authenticate')]).toEqual([401, 'Basic realm="teenquotes"']);
  });

  it('answers other methods on /oauth with 405 in the token endpoint’s envelope, and leaves /oauth/token to our RFC 6749 endpoint', async () => {
    const get = await send(deployment, '/oauth', { method: 'GET' }, { component: 'OAuthMethodNotAllowed' });
    expect([get.status, get.headers.get('allow'), get.json]).toEqual([
      405,
      'POST',
      { error: 'invalid_request', error_description: 'Use POST.' },
    ]);
    const rfc = await fetch(`${deployment.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }),
    });
    expect(await rfc.json()).toMatchObject({ token_type: 'bearer', scope: 'password-reset' });
  });

  it('does not cache token responses', async () => {
    const answer = await call(
      deployment,
      '/oauth',
      { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
      'form',
    );
    expect([answer.headers.get('cache-control'), answer.headers.get('pragma')]).toEqual(['no-store', 'no-cache']);
  });
});
