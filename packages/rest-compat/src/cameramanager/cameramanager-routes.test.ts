import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DependencyUnavailableError, type ResetJob } from '@pwreset/contract';
import type { ResetClient } from '@pwreset/contract/engine';
import type { InMemoryJobQueue } from '@pwreset/contract/testing';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { routeTestPorts } from '../shared/route-test-ports.js';
import { fakeResetClient } from '../shared/fake-reset-client.js';
import { cameramanagerRoutes } from './cameramanager-routes.js';

const client = fakeResetClient;

const TOKENS: Record<string, ResetClient> = {
  'good-token': client('cl_camera', ['cameramanager']),
  'other-api-token': client('cl_other', ['trafficops']),
};

describe('the Cameramanager router, in process over in-memory ports', () => {
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
      clients: { findByApiKey: async () => null, findLegacyBinding: async () => null, authenticateSecret: async () => null },
      accessTokens: { issue: async () => ({ accessToken: 'x', expiresIn: 1 }), verify: async (token) => TOKENS[token] ?? null },
      get engineOptions() {
        return { hideUnknownAccounts };
      },
      requesterOf: () => ({ ip: '192.0.2.1' }),
      logError: (_error, context) => void logged.push(context),
    };
    const app = express();
    app.use(cameramanagerRoutes(deps));
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

  async function post(body: string, headers: Record<string, string> = {}, path = '/rest/v2.0/passwordResets') {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer good-token', 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: response.headers.get('content-type')?.startsWith('application/json') ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  it('queues a link mail for the token’s client and answers 204 with no body', async () => {
    const answer = await post('{"email":"jane@example.com"}');
    expect([answer.status, answer.text]).toEqual([204, '']);
    expect(jobs).toEqual([expect.objectContaining({ type: 'reset-requested', email: 'jane@example.com', clientId: 'cl_camera' })]);
  });

  it('answers 404 code 1200 for an unknown address, and 204 when unknown accounts are hidden', async () => {
    expect(await post('{"email":"nobody@example.com"}')).toMatchObject({
      status: 404,
      json: { code: 1200, title: 'Resource not found', detail: 'No account has this address.' },
    });
    hideUnknownAccounts = true;
    expect((await post('{"email":"nobody@example.com"}')).status).toBe(204);
    expect(jobs).toHaveLength(2);
  });

  it('authenticates before anything else, with RFC 6750 challenges', async () => {
    const missing = await post('not json', { authorization: '', 'content-type': 'text/plain' });
    expect(missing).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="pwreset"');
    const invalid = await post('{"email":"jane@example.com"}', { authorization: 'Bearer expired-token' });
    expect(invalid).toMatchObject({ status: 401, json: { error: 'invalid_token' } });
    expect(invalid.headers.get('www-authenticate')).toMatch(/^Bearer realm="pwreset", error="invalid_token"/);
    expect(await post('{"email":"jane@example.com"}', { authorization: 'Bearer two words' })).toMatchObject({
      status: 401,
      json: { error: 'invalid_token' },
    });
    expect(await post('{"email":"jane@example.com"}', { authorization: 'Basic Y2w6c2VjcmV0' })).toMatchObject({
      status: 401,
      json: { error: 'unauthorized' },
    });
    expect(await post('{"email":"jane@example.com"}', { authorization: 'Bearer other-api-token' })).toMatchObject({
      status: 403,
      json: { code: 1100 },
    });
    expect(jobs).toEqual([]);
  });

  it('answers 406, 415, 413 and 400 in the Error envelope, in that order of checks', async () => {
    expect(await post('{"email":"jane@example.com"}', { accept: 'text/html' })).toMatchObject({ status: 406, json: { code: 1300 } });
    expect(await post('{"email":"jane@example.com"}', { accept: 'application/json;q=0, */*' })).toMatchObject({ status: 406 });
    expect(await post('{"email":"jane@example.com"}', { accept: 'application/*' })).toMatchObject({ status: 204 });
    expect(await post('email=jane@example.com', { 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({
      status: 415,
      json: { code: 1301 },
    });
    expect(await post(JSON.stringify({ email: 'jane@example.com', pad: 'x'.repeat(17_000) }))).toMatchObject({
      status: 413,
      json: { code: 1302 },
    });
    expect(await post('{"email":')).toMatchObject({ status: 400, json: { code: 1001 } });
    expect(await post('{"email":"ab"}')).toMatchObject({ status: 400, json: { code: 1000, detail: 'email: must be 3 to 128 characters' } });
  });

  it('answers 405 with Allow for another method, and 404 code 1201 for any other path under the prefix', async () => {
    const get = await fetch(`${base}/rest/v2.0/passwordResets`);
    expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([
      405,
      'POST',
      { code: 1202, title: 'Method not allowed', detail: 'Use POST.' },
    ]);
    for (const path of ['/rest/v2.0', '/rest/v2.0/users', '/rest/v2.0/passwordresets', '/rest/v2.0/passwordResets/x']) {
      expect(await post('{}', {}, path), path).toMatchObject({ status: 404, json: { code: 1201 } });
    }
  });

  it('leaves every path outside its prefix to the next router', async () => {
    for (const path of ['/rest/v2.00/passwordResets', '/REST/v2.0/passwordResets', '/rest/v1.0/passwordResets', '/passwordResets']) {
      expect((await post('{}', {}, path)).text, path).toBe('next');
    }
  });

  it('answers 503 with Retry-After when Redis is away, and a fixed 500 for anything else, logged', async () => {
    failure = new DependencyUnavailableError('redis');
    const unavailable = await post('{"email":"jane@example.com"}');
    expect(unavailable).toMatchObject({ status: 503, json: { code: 1901, title: 'Service unavailable' } });
    expect(unavailable.headers.get('retry-after')).toBe('5');
    expect(logged).toEqual([]);
    failure = new Error('secret internals at /srv/app.js:12');
    const broken = await post('{"email":"jane@example.com"}');
    expect(broken).toMatchObject({ status: 500, json: { code: 1900, title: 'Internal server error' } });
    expect(broken.text).not.toContain('internals');
    expect(logged).toEqual(['cameramanager request failed']);
  });
});
