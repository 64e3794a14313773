import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { paths } from '@pwreset/legacy-openapi/generated/teenquotes';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContractHttp } from '../testing/contract-http.js';
import type { OpenApiDocument } from '../testing/openapi-response-validator.js';
import { AccessTokenError } from '../trpc/access-token-source.js';
import { createTeenQuotesClient } from './teenquotes-client.js';

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/teenquotes.openapi.json'), 'utf8'),
) as OpenApiDocument;

const BASE_URL = 'https://reset.example.com';
const teenQuotes = createContractHttp<paths>(document, { baseUrl: BASE_URL });

let issued = 0;
let tokenLifetime = 3600;
const validTokens = new Set<string>();
const tokenRequests: string[] = [];
const RESET_TOKEN = 'A'.repeat(43);

const oauth = teenQuotes.post('/oauth', async ({ request, response }) => {
  const form = new URLSearchParams(await request.text());
  tokenRequests.push(`${request.headers.get('content-type')} ${form.toString()}`);
  if (form.get('grant_type') !== 'client_credentials') {
    return response(400).json({
      error: 'unsupported_grant_type',
      error_description: 'The authorization grant type is not supported by the authorization server.',
    });
  }
  if (form.get('client_id') !== 'cl_quotes' || form.get('client_secret') !== 'pwcs_secret') {
    return response(401).json(
      { error: 'invalid_client', error_description: 'Client authentication failed' },
      { headers: { 'WWW-Authenticate': 'Basic realm="OAuth"' } },
    );
  }
  issued += 1;
  // Teen Quotes' tokens are 40 of [A-Za-z0-9] (league/oauth2-server 2.1's shape), as the document's.
  const accessToken = `issued${issued}`.padEnd(40, 'x');
  validTokens.add(accessToken);
  return response(200).json({
    access_token: accessToken,
    token_type: 'bearer',
    expires: Math.floor(Date.now() / 1000) + tokenLifetime,
    expires_in: tokenLifetime,
  });
});

function bearerToken(request: Request): string {
  return request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
}

const remind = teenQuotes.post('/v1/password/remind', async ({ request, response }) => {
  if (!validTokens.has(bearerToken(request)))
    return response(401).json({ status: 401, error: 'unauthorized', error_message: 'Access token is not valid' });
  const { email } = (await request.json()) ?? {};
  if (email !== 'testuser@teen-quotes.com')
    return response(400).json({ status: 'wrong_user', error: "The email address doesn't match a user." });
  return response(200).json({ status: 'reminder_sent', success: 'An email was sent to the user.' });
});

const reset = teenQuotes.post('/v1/password/reset', async ({ request, response }) => {
  if (!validTokens.has(bearerToken(request)))
    return response(401).json({ status: 401, error: 'unauthorized', error_message: 'Access token is not valid' });
  const { email, token, password } = (await request.json()) ?? {};
  if (email !== 'testuser@teen-quotes.com')
    return response(400).json({ status: 'wrong_user', error: "The email address doesn't match a user." });
  if (!password || password.length < 6 || password === 'azerty')
    return response(400).json({ status: 'wrong_password', error: 'The password is wrong.' });
  if (token !== RESET_TOKEN) return response(400).json({ status: 'wrong_token', error: 'The reset token is invalid.' });
  return response(200).json({ status: 'password_reset', success: 'The new password has been set.' });
});

const server = setupServer(oauth, remind, reset);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  expect(teenQuotes.drift).toEqual([]);
  issued = 0;
  tokenLifetime = 3600;
  validTokens.clear();
  tokenRequests.length = 0;
});
afterAll(() => server.close());

const credentials = { baseUrl: BASE_URL, clientId: 'cl_quotes', clientSecret: 'pwcs_secret' };
const email = 'testuser@teen-quotes.com';

describe('createTeenQuotesClient', () => {
  it('sends a reminder: 200 reminder_sent', async () => {
    const result = await createTeenQuotesClient(credentials).requestPasswordReset({ email });
    expect(result).toMatchObject({ ok: true, status: 200, data: { status: 'reminder_sent', success: 'An email was sent to the user.' } });
  });

  it('surfaces an unknown address as 400 wrong_user', async () => {
    const result = await createTeenQuotesClient(credentials).requestPasswordReset({ email: 'nobody@example.com' });
    expect(result).toMatchObject({ ok: false, status: 400, error: { status: 'wrong_user' } });
  });

  it('resets the password with the mailed token: 200 password_reset', async () => {
    const result = await createTeenQuotesClient(credentials).resetPassword({
      email,
      token: RESET_TOKEN,
      password: 'a long new passphrase',
    });
    expect(result).toMatchObject({ ok: true, status: 200, data: { status: 'password_reset' } });
  });

  it('surfaces each documented refusal of a reset as 400, narrowed by error.status', async () => {
    const client = createTeenQuotesClient(credentials);
    const outcomes = await Promise.all([
      client.resetPassword({ email: 'nobody@example.com', token: RESET_TOKEN, password: 'a long new passphrase' }),
      client.resetPassword({ email, token: RESET_TOKEN, password: 'azerty' }),
      client.resetPassword({ email, token: 'B'.repeat(43), password: 'a long new passphrase' }),
    ]);
    const statuses = outcomes.map((result) =>
      !result.ok && result.status === 400 && 'error' in result.error ? result.error.status : null,
    );
    expect(statuses).toEqual(['wrong_user', 'wrong_password', 'wrong_token']);
  });

  it('surfaces throttling as 429 with Retry-After', async () => {
    server.use(
      teenQuotes.post('/v1/password/reset', ({ response }) =>
        response(429).json(
          { status: 429, error: 'too_many_requests', error_message: 'Too many attempts; try again later.' },
          { headers: { 'Retry-After': '60' } },
        ),
      ),
    );
    const result = await createTeenQuotesClient(credentials).resetPassword({
      email,
      token: RESET_TOKEN,
      password: 'a long new passphrase',
    });
    expect(result).toMatchObject({ ok: false, status: 429, error: { error: 'too_many_requests' } });
    expect(result.headers.get('retry-after')).toBe('60');
  });

  it('gets its token from Teen Quotes’ own POST /oauth, as a form, once for many concurrent calls', async () => {
    const client = createTeenQuotesClient(credentials);
    const results = await Promise.all(Array.from({ length: 10 }, () => client.requestPasswordReset({ email })));
    expect(results.every((result) => result.ok)).toBe(true);
    await client.resetPassword({ email, token: RESET_TOKEN, password: 'a long new passphrase' });
    expect(tokenRequests).toEqual([
      'application/x-www-form-urlencoded grant_type=client_credentials&client_id=cl_quotes&client_secret=pwcs_secret',
    ]);
  });

  it('refreshes a token before it expires', async () => {
    tokenLifetime = 20; // shorter than the 30 s safety margin: every call needs a new token
    const client = createTeenQuotesClient(credentials);
    await client.requestPasswordReset({ email });
    await client.requestPasswordReset({ email });
    expect(issued).toBe(2);
  });

  it('retries once with a fresh token when the API refuses the cached one', async () => {
    const client = createTeenQuotesClient(credentials);
    await client.requestPasswordReset({ email });
    validTokens.clear();
    await expect(client.requestPasswordReset({ email })).resolves.toMatchObject({ ok: true, status: 200 });
    expect(issued).toBe(2);
  });

  it('gives up after one retry, surfacing 401 unauthorized', async () => {
    server.use(
      teenQuotes.post('/v1/password/remind', ({ response }) =>
        response(401).json({ status: 401, error: 'unauthorized', error_message: 'Access token is not valid' }),
      ),
    );
    const result = await createTeenQuotesClient(credentials).requestPasswordReset({ email });
    expect(result).toMatchObject({ ok: false, status: 401, error: { error: 'unauthorized', error_message: 'Access token is not valid' } });
    expect(issued).toBe(2);
  });

  it('throws an AccessTokenError with the OAuth2 code when /oauth refuses the credentials', async () => {
    const error = await createTeenQuotesClient({ ...credentials, clientSecret: 'wrong' })
      .requestPasswordReset({ email })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AccessTokenError);
    expect(error).toMatchObject({ status: 401, oauthError: 'invalid_client' });
  });

  it('uses the caller’s own token source when given one', async () => {
    validTokens.add('pwat_from_vault');
    const client = createTeenQuotesClient({ baseUrl: BASE_URL, getAccessToken: async () => 'pwat_from_vault' });
    await expect(client.requestPasswordReset({ email })).resolves.toMatchObject({ ok: true });
    expect(tokenRequests).toEqual([]);
  });
});
