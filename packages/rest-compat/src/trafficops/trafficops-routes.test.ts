import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PASSWORD_POLICY, DependencyUnavailableError, type ResetJob } from '@pwreset/contract';
import type { ResetClient } from '@pwreset/contract/engine';
import type { InMemoryJobQueue } from '@pwreset/contract/testing';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { routeTestPorts } from '../shared/route-test-ports.js';
import { readGoMailAnswers } from './go-mail-answers.fixture.js';
import { trafficopsRoutes } from './trafficops-routes.js';

const boundClient: ResetClient = {
  id: 'cl_to',
  name: 'Traffic Ops',
  senderName: 'Traffic Ops',
  resetTokenTtlSeconds: 86_400,
  defaultLocale: 'en',
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  resetUrls: ['http://localhost/reset'],
  legacyApis: ['trafficops'],
  directory: 'default',
};

describe('the Traffic Ops router, in process over in-memory ports', () => {
  let server: Server;
  let base: string;
  let queue: InMemoryJobQueue;
  let jobs: readonly ResetJob[] = [];
  const logged: { error: unknown; context: string }[] = [];
  let failure: Error | undefined;
  let binding: ResetClient | null = boundClient;
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
        findLegacyBinding: async (api) => (api === 'trafficops' ? binding : null),
        authenticateSecret: async () => null,
      },
      accessTokens: { issue: async () => ({ accessToken: 'x', expiresIn: 1 }), verify: async () => null },
      get engineOptions() {
        return { hideUnknownAccounts };
      },
      requesterOf: () => ({ ip: '192.0.2.1' }),
      logError: (error, context) => void logged.push({ error, context }),
    };
    const app = express();
    app.get('/boom', () => {
      throw new Error('another route failed');
    });
    app.use(trafficopsRoutes(deps));
    app.use((_req, res) => void res.status(418).send('next'));
    app.use(((_error, _req, res, _next) => void res.status(599).send('outer handler')) as express.ErrorRequestHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    queue.clear();
    logged.length = 0;
    failure = undefined;
    binding = boundClient;
    hideUnknownAccounts = false;
  });

  async function call(body: string | undefined, { method = 'POST', path = '/api/5.0/user/reset_password' } = {}) {
    const response = await fetch(`${base}${path}`, { method, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const digest = createHash('sha512').update(text).digest('base64');
    expect(response.headers.get('whole-content-sha512'), 'Whole-Content-Sha512 is the digest of the body').toBe(digest);
    expect(response.headers.get('content-type')).toBe('application/json');
    return { status: response.status, body: JSON.parse(text) as unknown, headers: response.headers, text };
  }
  const alert = (level: string, text: string) => ({ alerts: [{ level, text }] });

  it('queues a link mail for the bound client and answers the document’s success alert', async () => {
    expect(await call('{"email":"Jane <jane@example.com>"}')).toMatchObject({
      status: 200,
      body: alert('success', "Successfully sent password reset to email 'jane@example.com'"),
    });
    expect(jobs).toEqual([expect.objectContaining({ type: 'reset-requested', email: 'jane@example.com', clientId: 'cl_to' })]);
  });

  it('answers an unknown address with 404, or as a known one when unknown accounts are hidden', async () => {
    expect(await call('{"email":"ghost@example.com"}')).toMatchObject({
      status: 404,
      body: alert('error', "No account with the email address 'ghost@example.com' was found!"),
    });
    hideUnknownAccounts = true;
    expect(await call('{"email":"ghost@example.com"}')).toMatchObject({
      status: 200,
      body: alert('success', "Successfully sent password reset to email 'ghost@example.com'"),
    });
  });

  it('answers 500 and logs it when no client is bound to the API, or the bound one lost it', async () => {
    binding = null;
    expect(await call('{"email":"jane@example.com"}')).toMatchObject({ status: 500, body: alert('error', 'Internal Server Error') });
    binding = { ...boundClient, legacyApis: ['antel'] };
    expect(await call('{"email":"jane@example.com"}')).toMatchObject({ status: 500, body: alert('error', 'Internal Server Error') });
    expect(logged.map((entry) => entry.context)).toEqual(['trafficops reset_password', 'trafficops reset_password']);
    expect(jobs).toEqual([]);
  });

  it('answers 503 when a store is unavailable, and a bare 500 for anything else, revealing nothing', async () => {
    failure = new DependencyUnavailableError('redis');
    expect(await call('{"email":"jane@example.com"}')).toMatchObject({ status: 503, body: alert('error', 'Service Unavailable') });
    expect(logged).toEqual([]);
    failure = new Error('secret internals at /srv/app.js:12');
    const answer = await call('{"email":"jane@example.com"}');
    expect(answer).toMatchObject({ status: 500, body: alert('error', 'Internal Server Error') });
    expect(JSON.stringify(answer.body)).not.toContain('secret');
    expect(logged).toEqual([{ error: failure, context: 'trafficops request failed' }]);
  });

  it('answers an address Go cannot parse with the alert traffic_ops_golang sends for it, in json.Marshal’s bytes', async () => {
    // Go 1.23's own texts and bytes (go-mail-answers.json): no local part, no domain, a trailing "@",
    // a bad domain literal, and the characters json.Marshal escapes (<, >, &, U+2028).
    const recorded = readGoMailAnswers().bodies;
    const unparsable = [
      '{"email":"@example.com"}',
      '{"email":"a@"}',
      '{"email":"Name <a@>"}',
      '{"email":"a\\/b@example.com"}',
      '{"email":"<user@[not-an-ip]>"}',
      '{"email":"a&b"}',
      '{"email":"a\\u2028b>"}',
    ];
    for (const body of unparsable) {
      const row = recorded.find((candidate) => candidate.body === body);
      if (row === undefined || !('alert' in row)) throw new Error(`${body} has no recorded Go alert`);
      const answer = await call(body);
      expect([answer.status, answer.text], body).toEqual([400, row.envelope]);
    }
    expect(jobs).toEqual([]);
  });

  it('answers every path and method under /api/ itself, and nothing outside it', async () => {
    expect(await call(undefined, { method: 'GET' })).toMatchObject({
      status: 404,
      body: alert('error', "The requested path '/api/5.0/user/reset_password' does not exist."),
    });
    expect(await call('{}', { path: '/api/4.0/nope?x=1' })).toMatchObject({
      status: 404,
      body: alert('error', "The requested path '/api/4.0/nope' does not exist."),
    });
    expect(await call('{}', { path: '/api/9.0/user/reset_password' })).toMatchObject({ status: 501 });
    expect(await fetch(`${base}/elsewhere`, { method: 'POST' }).then((response) => response.status)).toBe(418);
    expect(await fetch(`${base}/boom`).then((response) => response.status)).toBe(599);
    expect(logged).toEqual([]);
  });

  it('sends the headers of the document on every answer, and no charset or cookie', async () => {
    for (const answer of [await call('{"email":"jane@example.com"}'), await call('', { path: '/api/' }), await call('x')]) {
      expect(
        Object.fromEntries(
          [...answer.headers].filter(([name]) => /^(access-control|cache-control|vary|x-server-name|set-cookie)/.test(name)),
        ),
      ).toEqual({
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': 'Origin, X-Requested-With, Content-Type, Accept',
        'access-control-allow-methods': 'POST,GET,OPTIONS,PUT,DELETE',
        'access-control-allow-origin': '*',
        'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
        vary: 'Accept-Encoding',
        'x-server-name': 'traffic_ops_golang/',
      });
    }
  });

  it('refuses a body over 16 KiB with 413 without reading it all', async () => {
    expect(await call(`{"email":"${'a'.repeat(17_000)}@example.com"}`)).toMatchObject({
      status: 413,
      body: alert('error', 'Request Entity Too Large'),
    });
  });
});
