import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DependencyUnavailableError, type ResetJob } from '@pwreset/contract';
import type { ResetClient } from '@pwreset/contract/engine';
import type { InMemoryJobQueue } from '@pwreset/contract/testing';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { routeTestPorts } from '../shared/route-test-ports.js';
import { fakeResetClient } from '../shared/fake-reset-client.js';
import { teenquotesRoutes } from './teenquotes-routes.js';

const client = fakeResetClient;

const TOKENS: Record<string, ResetClient> = {
  'good-token': client('cl_tq', ['teenquotes']),
  'other-api-token': client('cl_other', ['antel']),
};

describe('the Teen Quotes router, in process over in-memory ports', () => {
  let server: Server;
  let base: string;
  let queue: InMemoryJobQueue;
  let jobs: readonly ResetJob[] = [];
  const logged: string[] = [];
  let failure: Error | undefined;
  let hideUnknownAccounts = false;

  beforeAll(async () => {
    const built = await routeTestPorts(() => failure);
    const ports = built.ports;
    queue = built.jobs;
    jobs = queue.queued;
    const deps: LegacyDependencies = {
      ports,
      clients: {
        findByApiKey: async () => null,
        findLegacyBinding: async () => null,
        authenticateSecret: async (id, secret) => {
          if (failure) throw failure;
          if (secret !== 'right') return null;
          return { client: client(id, id === 'cl_tq' ? ['teenquotes'] : ['antel']), credentialsVersion: 1 };
        },
      },
      accessTokens: {
        issue: async () => ({ accessToken: 'issued-token', expiresIn: 3600 }),
        verify: async (token) => {
          if (failure) throw failure;
          return TOKENS[token] ?? null;
        },
      },
      get engineOptions() {
        return { hideUnknownAccounts };
      },
      requesterOf: () => ({ ip: '192.0.2.1' }),
      logError: (_error, context) => void logged.push(context),
    };
    const app = express();
    app.use(teenquotesRoutes(deps));
    app.use((_req, res) => void res.status(418).send('next'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    queue.clear();
    logged.length = 0;
    failure = undefined;
    hideUnknownAccounts = false;
  });

  async function call(path: string, init: RequestInit = {}) {
    const response = await fetch(`${base}${path}`, { method: 'POST', ...init });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined,
    };
  }
  const form = (body: string, headers: Record<string, string> = {}): RequestInit => ({
    headers: { authorization: 'Bearer good-token', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

  it('queues a link mail for the token’s client and answers reminder_sent', async () => {
    const answer = await call('/v1/password/remind', form('email=jane@example.com'));
    expect([answer.status, answer.json]).toEqual([200, { status: 'reminder_sent', success: 'An email was sent to the user.' }]);
    expect(jobs).toEqual([expect.objectContaining({ type: 'reset-requested', email: 'jane@example.com', clientId: 'cl_tq' })]);
  });

  it('reads a body parameter before a query parameter of the same name, as Input::get does', async () => {
    await call('/v1/password/remind?email=ghost@example.com', form('email=jane@example.com'));
    await call('/v1/password/remind?email=jane@example.com', form(''));
    expect(jobs.map((job) => ('email' in job ? job.email : undefined))).toEqual(['jane@example.com', 'jane@example.com']);
  });

  it('answers wrong_user for an unknown address, or reminder_sent when unknown accounts are hidden', async () => {
    const unknown = await call('/v1/password/remind', form('email=ghost@example.com'));
    expect([unknown.status, unknown.json]).toEqual([400, { status: 'wrong_user', error: "The email address doesn't match a user." }]);
    hideUnknownAccounts = true;
    const hidden = await call('/v1/password/remind', form('email=ghost@example.com'));
    expect([hidden.status, hidden.json]).toEqual([200, { status: 'reminder_sent', success: 'An email was sent to the user.' }]);
    const malformed = await call('/v1/password/remind', form('email=not-an-address'));
    expect([malformed.status, malformed.json]).toEqual([400, { status: 'wrong_user', error: "The email address doesn't match a user." }]);
  });

  it('tells a missing token from one that is not valid or is of an application not allowed here', async () => {
    const missing = await call('/v1/password/remind', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=jane@example.com',
    });
    expect([missing.status, missing.json]).toEqual([401, { status: 401, error: 'unauthorized', error_message: 'Access token is missing' }]);
    for (const token of ['nope', 'other-api-token']) {
      const invalid = await call('/v1/password/remind', form('email=jane@example.com', { authorization: `Bearer ${token}` }));
      expect([invalid.status, invalid.json]).toEqual([
        401,
        { status: 401, error: 'unauthorized', error_message: 'Access token is not valid' },
      ]);
    }
    expect(jobs).toEqual([]);
  });

  it('answers unknown paths and other methods under /v1 in its envelope, and leaves every other path to the next router', async () => {
    const unknown = await call('/v1/quotes', { method: 'GET' });
    expect([unknown.status, unknown.json]).toEqual([
      404,
      { status: 404, error: 'not_found', error_message: 'This API has no resource at this path.' },
    ]);
    const wrongMethod = await call('/v1/password/reset', { method: 'PUT' });
    expect([wrongMethod.status, wrongMethod.headers.get('allow'), wrongMethod.json]).toEqual([
      405,
      'POST',
      { status: 405, error: 'method_not_allowed', error_message: 'This resource only answers POST.' },
    ]);
    const oauthGet = await call('/oauth', { method: 'GET' });
    expect([oauthGet.status, oauthGet.json]).toEqual([405, { error: 'invalid_request', error_description: 'Use POST.' }]);
    for (const path of ['/oauth/token', '/v10/password/remind', '/password/remind', '/user/password/reset']) {
      expect((await call(path)).text, path).toBe('next');
    }
  });

  it('issues a token in the document’s shape only to an application allowed to use Teen Quotes', async () => {
    const issued = await call('/oauth', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'cl_tq', client_secret: 'right' }),
    });
    expect([issued.status, issued.json]).toEqual([
      200,
      { access_token: 'issued-token', token_type: 'bearer', expires: 1_735_689_600 + 3600, expires_in: 3600 },
    ]);
    const otherApi = await call('/oauth', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'cl_other', client_secret: 'right' }),
    });
    expect([otherApi.status, otherApi.json]).toEqual([401, { error: 'invalid_client', error_description: 'Client authentication failed' }]);
    const basic = await call('/oauth?grant_type=client_credentials', {
      headers: { authorization: `Basic ${Buffer.from('cl_tq:wrong').toString('base64')}` },
    });
    expect([basic.status, basic.headers.get('www-authenticate')]).toEqual([401, 'Basic realm="teenquotes"']);
  });

  it('answers 503 in each envelope when a store is unreachable', async () => {
    failure = new DependencyUnavailableError('redis');
    const v1 = await call('/v1/password/remind', form('email=jane@example.com'));
    expect([v1.status, v1.headers.get('retry-after'), v1.json]).toEqual([
      503,
      '5',
      { status: 503, error: 'service_unavailable', error_message: 'The service is temporarily unavailable; try again later.' },
    ]);
    const oauth = await call('/oauth', form('grant_type=client_credentials&client_id=cl_tq&client_secret=right'));
    expect([oauth.status, (oauth.json as { error: string }).error]).toEqual([503, 'temporarily_unavailable']);
    expect(logged).toEqual([]);
  });

  it('answers 500 in each envelope for anything unexpected, logs it, and reveals nothing of it', async () => {
    failure = new Error('secret internals: redis://user:password@host');
    const v1 = await call('/v1/password/remind', form('email=jane@example.com'));
    expect([v1.status, v1.json]).toEqual([
      500,
      { status: 500, error: 'internal_error', error_message: 'Something went wrong on our side.' },
    ]);
    const oauth = await call('/oauth', form('grant_type=client_credentials&client_id=cl_tq&client_secret=right'));
    expect([oauth.status, (oauth.json as { error: string }).error]).toEqual([500, 'server_error']);
    expect(v1.text + oauth.text).not.toContain('secret internals');
    expect(logged).toEqual(['teenquotes request failed', 'teenquotes token request failed']);
  });

  it('answers with a Content-Type of exactly application/json and json_encode’s bytes, as Laravel’s JsonResponse, on every kind of answer', async () => {
    const json = { 'content-type': 'application/json' };
    const answers = [
      await call('/v1/password/remind', form('email=jane@example.com')),
      await call('/v1/password/remind', form('email=ghost@example.com')),
      await call('/v1/password/reset', { headers: json, body: '{"email":' }),
      await call('/v1/password/remind', {
        body: 'email=jane@example.com',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      await call('/v1/quotes', { method: 'GET' }),
      await call('/v1/password/reset', { method: 'PUT' }),
      await call('/v1/password/reset', { headers: { 'content-type': 'text/plain' }, body: 'email=a' }),
      await call('/oauth', {
        headers: json,
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'cl_tq', client_secret: 'right' }),
      }),
      await call('/oauth', {
        headers: json,
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'cl_tq', client_secret: 'wrong' }),
      }),
      await call('/oauth', { headers: json, body: JSON.stringify({ grant_type: 'password' }) }),
      await call('/oauth', { method: 'GET' }),
    ];
    failure = new Error('boom');
    answers.push(
      await call('/v1/password/remind', form('email=jane@example.com')),
      await call('/oauth', form('grant_type=client_credentials&client_id=cl_tq&client_secret=right')),
    );
    failure = new DependencyUnavailableError('redis');
    answers.push(
      await call('/v1/password/remind', form('email=jane@example.com')),
      await call('/oauth', form('grant_type=client_credentials&client_id=cl_tq&client_secret=right')),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 400, 401, 404, 405, 415, 200, 401, 400, 405, 500, 500, 503, 503]);
    expect(answers.map((answer) => answer.headers.get('content-type'))).toEqual(answers.map(() => 'application/json'));
    // PHP's json_encode escapes the slashes (its bytes: laravel-json-response.test.ts).
    expect(answers[6]?.text).toBe(
      '{"status":415,"error":"unsupported_media_type","error_message":"Send the parameters as a form (application\\/x-www-form-urlencoded or multipart\\/form-data) or as JSON."}',
    );
  });

  it('refuses a body over 16 KiB, broken JSON and other formats before looking at the token', async () => {
    const large = await call('/v1/password/reset', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${'a'.repeat(17_000)}`,
    });
    expect([large.status, (large.json as { error: string }).error]).toEqual([413, 'request_too_large']);
    const broken = await call('/v1/password/reset', { headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect([broken.status, broken.json]).toEqual([
      400,
      { status: 400, error: 'invalid_request', error_message: 'The request body is not a valid JSON object.' },
    ]);
    const text = await call('/v1/password/reset', { headers: { 'content-type': 'text/plain' }, body: 'email=a' });
    expect([text.status, (text.json as { error: string }).error]).toEqual([415, 'unsupported_media_type']);
  });
});
