import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import {
  accessTokenFor,
  call,
  mailIds,
  nextResetMail,
  PASSWORD_RESET,
  REMINDER_SENT,
  send,
  TOKEN_NOT_VALID,
  tokenFromMail,
  WRONG_PASSWORD,
  WRONG_TOKEN,
  WRONG_USER,
} from './teenquotes-support.js';

/** The examples of the Teen Quotes documents, verbatim. */
const DOCUMENT = {
  accessToken: 'jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We',
  email: 'testuser@teen-quotes.com',
  resetForm: 'email=testuser@teen-quotes.com&token=lt5hrb0s5pz2_qcc4wl4k3f00000gp&password=azerty',
  remindForm: 'email=testuser@teen-quotes.com',
  // The authentication document's example POST request, trailing comma included.
  tokenRequest:
    '{\n   "grant_type":"client_credentials",\n   "client_id":"42",\n   "client_secret":"IZgwaBTZ2EdtT3hT7UzG2rLQ8S0Vmu9GDxeHwcPz",\n}',
};

/** What curl --data sends. */
const CURL_FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Teen Quotes API v1: the documented examples, replayed against the real server', () => {
  let deployment: LegacyDeployment;
  let credentials: { clientId: string; clientSecret: string };
  let accessToken: string;
  let userId: string;
  const oldPassword = 'old teen quotes password';

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    credentials = await deployment.addClient({ name: 'Teen Quotes', legacyApis: ['teenquotes'] });
    const created = await deployment.users.createUser({ email: DOCUMENT.email, password: oldPassword });
    if (!created.created) throw new Error('the document’s user exists already');
    userId = created.userId;
    accessToken = await accessTokenFor(deployment, credentials);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('POST /oauth answers the document’s return format: access_token, token_type bearer, expires as a UNIX timestamp and expires_in', async () => {
    const before = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const answer = await send(deployment, '/oauth', { headers: { 'content-type': 'application/json' }, body });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    const token = answer.json as { access_token: string; token_type: string; expires: number; expires_in: number };
    expect(Object.keys(token).sort()).toEqual(['access_token', 'expires', 'expires_in', 'token_type']);
    expect(token.token_type).toBe('bearer');
    expect(token.expires - token.expires_in).toBeGreaterThanOrEqual(before);
    expect(token.expires - token.expires_in).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('POST /oauth issues tokens of the shape league/oauth2-server 2.1 issued (40 of [A-Za-z0-9], like the document’s), stored only as keyed hashes', async () => {
    expect(DOCUMENT.accessToken).toMatch(/^[A-Za-z0-9]{40}$/);
    const body = JSON.stringify({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const answer = await send(deployment, '/oauth', { headers: { 'content-type': 'application/json' }, body });
    const issued = (answer.json as { access_token: string }).access_token;
    expect(issued).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(issued).not.toBe(accessToken);
    const keys = await deployment.redis.keys('*access-token*');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain(issued);
      expect(await deployment.redis.get(key)).not.toContain(issued);
    }
    const remind = await call(deployment, '/v1/password/remind', { email: 'nobody@example.com' }, 'form', {
      authorization: `Bearer ${issued}`,
    });
    expect([remind.status, remind.json], 'the new token is accepted').toEqual([400, WRONG_USER]);
  });

  it('deviation: the authentication document’s example request, trailing comma and all, is not JSON and answers 400 invalid_request', async () => {
    const answer = await send(deployment, '/oauth', { headers: { 'content-type': 'application/json' }, body: DOCUMENT.tokenRequest });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'The request body is not a valid JSON object.' },
    ]);
  });

  it('the document’s client 42, never registered here, answers 401 invalid_client with the document’s text', async () => {
    const answer = await send(deployment, '/oauth', {
      headers: { 'content-type': 'application/json' },
      body: DOCUMENT.tokenRequest.replace(',\n}', '\n}'),
    });
    expect([answer.status, answer.json]).toEqual([401, { error: 'invalid_client', error_description: 'Client authentication failed' }]);
  });

  it('POST password/remind as the remind document’s curl sends it (a bare Authorization header, --data) answers the documented success', async () => {
    const seen = await mailIds(deployment);
    const answer = await send(deployment, '/v1/password/remind', {
      headers: { authorization: accessToken, ...CURL_FORM },
      body: DOCUMENT.remindForm,
    });
    expect([answer.status, answer.contentType, answer.json]).toEqual([200, 'application/json', REMINDER_SENT]);
    const mail = await nextResetMail(deployment, DOCUMENT.email, seen);
    expect(mail.text).toMatch(/\/reset#token=[A-Za-z0-9_-]{43}/);
  });

  it('deviation: the reset document’s example request with its own access token answers 401 “Access token is not valid” (that token was never issued here)', async () => {
    const answer = await send(deployment, '/v1/password/reset', {
      headers: { authorization: `Bearer ${DOCUMENT.accessToken}`, ...CURL_FORM },
      body: DOCUMENT.resetForm,
    });
    expect([answer.status, answer.json]).toEqual([401, TOKEN_NOT_VALID]);
  });

  it('deviation: the reset document’s example request with an access token we issued answers 400 wrong_password, because “azerty” is a common password', async () => {
    const answer = await send(deployment, '/v1/password/reset', {
      headers: { authorization: `Bearer ${accessToken}`, ...CURL_FORM },
      body: DOCUMENT.resetForm,
    });
    expect([answer.status, answer.json]).toEqual([400, WRONG_PASSWORD]);
    expect(await deployment.users.verifyPassword(userId, oldPassword)).toBe(true);
  });

  it('deviation: the document’s example token, never issued by us, answers 400 wrong_token once the password passes the policy', async () => {
    const body = DOCUMENT.resetForm.replace('password=azerty', 'password=lighthouse+keeper+42');
    const answer = await send(deployment, '/v1/password/reset', {
      headers: { authorization: `Bearer ${accessToken}`, ...CURL_FORM },
      body,
    });
    expect([answer.status, answer.json]).toEqual([400, WRONG_TOKEN]);
  });

  it('the document’s error example: an address without an account answers 400 {"status":"wrong_user","error":"The email address doesn\'t match a user."}', async () => {
    const body = DOCUMENT.resetForm.replace('testuser@', 'nobody@');
    const answer = await send(deployment, '/v1/password/reset', {
      headers: { authorization: `Bearer ${accessToken}`, ...CURL_FORM },
      body,
    });
    expect([answer.status, answer.contentType, answer.json]).toEqual([400, 'application/json', WRONG_USER]);
    expect(answer.body).toBe('{"status":"wrong_user","error":"The email address doesn\'t match a user."}');
  });

  it('the document’s success example: the example request with the mailed token and a password the policy accepts answers 200 password_reset', async () => {
    const seen = await mailIds(deployment);
    await call(deployment, '/v1/password/remind', { email: DOCUMENT.email }, 'form', { authorization: `Bearer ${accessToken}` });
    const token = tokenFromMail(await nextResetMail(deployment, DOCUMENT.email, seen));
    const body = DOCUMENT.resetForm.replace('lt5hrb0s5pz2_qcc4wl4k3f00000gp', token).replace('password=azerty', 'password=azerty+sunrise');
    const answer = await send(deployment, '/v1/password/reset', {
      headers: { authorization: `Bearer ${accessToken}`, ...CURL_FORM },
      body,
    });
    expect([answer.status, answer.contentType]).toEqual([200, 'application/json']);
    expect(answer.body).toBe('{"status":"password_reset","success":"The new password has been set."}');
    expect(answer.json).toEqual(PASSWORD_RESET);
    expect(await deployment.users.verifyPassword(userId, 'azerty sunrise')).toBe(true);
  });
});
