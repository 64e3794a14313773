import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DependencyUnavailableError } from '@pwreset/contract';
import { createInMemoryResetPorts } from '@pwreset/contract/testing';
import express from 'express';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { antelRoutes } from './antel-routes.js';

// In process, with clients that record the ApiKey they were asked about: binding is observable
// without the engine (an unknown key answers 401 before anything else happens).
const askedKeys: string[] = [];
const loggedErrors: unknown[] = [];
let lookup: (apiKey: string) => Promise<null> = async () => null;

const deps: LegacyDependencies = {
  ports: createInMemoryResetPorts(),
  clients: {
    findByApiKey: (apiKey: string) => {
      askedKeys.push(apiKey);
      return lookup(apiKey);
    },
    findLegacyBinding: async () => null,
    authenticateSecret: async () => null,
  },
  // Antel authenticates by ApiKey alone: no access token is ever issued or shown here.
  accessTokens: { issue: () => Promise.reject(new Error('Antel issues no access tokens')), verify: async () => null },
  engineOptions: { hideUnknownAccounts: false },
  requesterOf: () => ({ ip: '192.0.2.1' }),
  logError: (error: unknown) => void loggedErrors.push(error),
};

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(antelRoutes(deps));
  app.use((_req, res) => void res.status(418).send('not antel'));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  askedKeys.length = 0;
  loggedErrors.length = 0;
  lookup = async () => null;
});

const post = (path: string, body: string, contentType: string) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers: { 'Content-Type': contentType } });

describe('antelRoutes in process', () => {
  it('hands paths outside /user/password to the next router', async () => {
    expect((await fetch(`${base}/user/other`)).status).toBe(418);
  });

  it('lets a query parameter override the same property of a JSON or JSV body', async () => {
    expect((await post('/user/password/forgot?apikey=from-query', '{"ApiKey":"from-json"}', 'application/json')).status).toBe(401);
    expect((await post('/user/password/forgot?ApiKey=from-query', '{ApiKey:from-jsv}', 'text/jsv')).status).toBe(401);
    expect(askedKeys).toEqual(['from-query', 'from-query']);
  });

  it('lets a form field override the query string', async () => {
    await post('/user/password/forgot?ApiKey=from-query', 'apiKey=from-form', 'application/x-www-form-urlencoded');
    expect(askedKeys).toEqual(['from-form']);
  });

  it('joins a repeated parameter with commas, as NameValueCollection does', async () => {
    await post('/user/password/forgot', 'ApiKey=a&apikey=b', 'application/x-www-form-urlencoded; charset=utf-8');
    expect(askedKeys).toEqual(['a,b']);
  });

  it('keeps the last of two spellings of one JSON property', async () => {
    await post('/user/password/forgot', '{"apiKey":"first","APIKEY":"second"}', 'application/json; charset=utf-8');
    expect(askedKeys).toEqual(['second']);
  });

  it('reads a UTF-8 byte order mark as no part of a JSON body', async () => {
    await post('/user/password/forgot', '\uFEFF{"ApiKey":"bom"}', 'application/json');
    expect(askedKeys).toEqual(['bom']);
  });

  it('answers 503 ServiceUnavailable when Redis is unreachable, and logs nothing', async () => {
    lookup = () => Promise.reject(new DependencyUnavailableError('redis'));
    const response = await post('/user/password/forgot', '{"ApiKey":"k"}', 'application/json');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      systemUserId: 0,
      wasSuccessful: false,
      responseStatus: { errorCode: 'ServiceUnavailable', message: 'The service is temporarily unavailable; try again later.', errors: [] },
    });
    expect(loggedErrors).toEqual([]);
  });

  it('answers an unexpected failure 500 in the requested format, revealing nothing of it', async () => {
    lookup = () => Promise.reject(new Error('connection string with a password in it'));
    const response = await post('/user/password/reset.jsv', '{"ApiKey":"k"}', 'application/json');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/jsv; charset=utf-8');
    expect(await response.text()).toBe(
      '{systemUserId:0,wasSuccessful:False,responseStatus:{errorCode:InternalServerError,message:Something went wrong on our side.,errors:[]}}',
    );
    expect(loggedErrors).toHaveLength(1);
  });
});
