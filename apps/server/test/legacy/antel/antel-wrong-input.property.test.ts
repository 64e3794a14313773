import fc from 'fast-check';
import { stringifyJsv, type JsvValue } from '@pwreset/jsv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES, longOrLengthenedAddress } from '../support/long-addresses.js';
import { antelProblems } from './support/antel-contract.js';

// fast-check sends what a careless or hostile client might: missing fields, wrong types, huge
// strings, wrong content types, malformed JSON and JSV, odd paths and methods. Every answer must
// be one the OpenAPI document declares (status, content type, body), and never a 5xx.
describe('the Antel API under generated wrong input', () => {
  let deployment: LegacyDeployment;
  let apiKey: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    ({ apiKey } = await deployment.addClient({ name: 'Antel Fuzz', legacyApis: ['antel'] }));
  });
  afterAll(async () => {
    await deployment.close();
  });

  const runs = { numRuns: 50 };
  const PROPERTY_NAMES = ['TemporaryPassword', 'EmailAddress', 'Password', 'PasswordConfirm', 'ApiKey', 'Latitude', 'Longitude'];

  const hugeString = fc
    .integer({ min: 1_000, max: 20_000 })
    .chain((length) => fc.constantFrom('a', '"', ',', '{', 'é', ' ').map((unit) => unit.repeat(length)));
  const value = fc.oneof(
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    hugeString,
    // Addresses longer than any account's, as sent or once NFKC has expanded them: the limit the
    // DTO does not have and the engine does. Weighted so that every run sends several.
    { weight: 3, arbitrary: longOrLengthenedAddress },
  );
  // A DTO that gets past validation to the engine, but for its address.
  const COMPLETE_RESET = { TemporaryPassword: 'ABCDEFGHJK', Password: 'a fine passphrase', PasswordConfirm: 'a fine passphrase' };
  const validWithLongAddress = longOrLengthenedAddress.map((EmailAddress) => ({ ...COMPLETE_RESET, EmailAddress }));
  /** Every route that reads an address, with every boundary address: run first, whatever the seed. */
  const boundaryExamples = (): Array<[string, Record<string, unknown>]> =>
    ['/user/password/forgot', '/user/password/reset'].flatMap((route) =>
      Object.values(BOUNDARY_ADDRESSES).map((EmailAddress): [string, Record<string, unknown>] => [
        route,
        { ...COMPLETE_RESET, EmailAddress },
      ]),
    );
  // Property names in any letter case, sometimes the real key, plus names the DTO does not have.
  const propertyName = fc.oneof(
    fc.constantFrom(...PROPERTY_NAMES).chain((name) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase())),
    fc.string({ maxLength: 12 }),
  );
  // The real key is read when a value is generated, after beforeAll registered it.
  const validApiKey = fc.constant(null).map(() => apiKey);
  const dto = fc.dictionary(propertyName, fc.oneof(value, validApiKey), { maxKeys: 8 });

  const path = fc.constantFrom(
    '/user/password/reset',
    '/user/password/reset.jsv',
    '/user/password/reset.json',
    '/user/password/forgot',
    '/user/password/forgot.jsv',
    '/user/password/forgot.json',
    '/user/password/unknown',
    '/user/password',
    '/USER/password/Reset',
  );
  const query = fc.oneof(
    fc.constant(''),
    fc.constantFrom('?format=jsv', '?format=json', '?format=xml', '?format='),
    fc.dictionary(propertyName, fc.string({ maxLength: 30 }), { maxKeys: 3 }).map((entries) => `?${new URLSearchParams(entries)}`),
  );
  const accept = fc.option(
    fc.constantFrom('text/jsv', 'application/jsv', 'application/json', 'application/xml', '*/*', 'text/jsv;q=0', 'x/y, text/jsv;q=0.5', ''),
    { nil: undefined },
  );
  const contentType = fc.option(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/jsv',
      'application/jsv',
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=abc',
      'application/octet-stream',
      'garbage',
    ),
    { nil: undefined },
  );
  const body = fc.oneof(
    dto.map((fields) => JSON.stringify(fields)),
    dto.map((fields) => stringifyJsv(fields as JsvValue)),
    validWithLongAddress.map((fields) => JSON.stringify({ ...fields, ApiKey: apiKey })),
    dto.map((fields) =>
      new URLSearchParams(
        Object.entries(fields).map(([name, item]): [string, string] => [
          name,
          typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item),
        ]),
      ).toString(),
    ),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ':', ',', '"', 'a', ' ', '\n'), maxLength: 60 }),
    hugeString,
    fc.constant(''),
  );

  async function send(request: {
    path: string;
    query: string;
    method: string;
    contentType: string | undefined;
    accept: string | undefined;
    body: string;
  }) {
    const headers: Record<string, string> = {};
    if (request.contentType !== undefined) headers['Content-Type'] = request.contentType;
    if (request.accept !== undefined) headers['Accept'] = request.accept;
    const withBody = request.method !== 'GET';
    const response = await fetch(`${deployment.url}${request.path}${request.query}`, {
      method: request.method,
      headers,
      ...(withBody ? { body: request.body } : {}),
    });
    const observed = { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
    const problems = antelProblems(`${request.path}${request.query}`, request.method, observed);
    expect(
      problems,
      `${request.method} ${request.path}${request.query} (${request.contentType}) → ${observed.status} ${observed.body.slice(0, 200)}`,
    ).toEqual([]);
    expect(observed.status).toBeLessThan(500);
  }

  it('documents every answer to generated POST bodies in any content type, and never fails with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(path, query, contentType, accept, body, async (p, q, c, a, b) =>
        send({ path: p, query: q, method: 'POST', contentType: c, accept: a, body: b }),
      ),
      {
        ...runs,
        examples: boundaryExamples().map(([route, fields]): [string, string, string | undefined, string | undefined, string] => [
          route,
          '',
          'application/json',
          undefined,
          JSON.stringify({ ...fields, ApiKey: apiKey }),
        ]),
      },
    );
  });

  it('documents every answer to well-typed JSON with fields missing, misspelt or of the wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/user/password/reset', '/user/password/forgot'), fc.oneof(dto, validWithLongAddress), (p, fields) =>
        send({
          path: p,
          query: '',
          method: 'POST',
          contentType: 'application/json',
          accept: undefined,
          body: JSON.stringify({ ApiKey: apiKey, ...fields }),
        }),
      ),
      { ...runs, examples: boundaryExamples() },
    );
  });

  it('documents every answer to other methods on any path under /user/password', async () => {
    await fc.assert(
      fc.asyncProperty(path, query, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), accept, async (p, q, m, a) =>
        send({ path: p, query: q, method: m, contentType: 'application/json', accept: a, body: '{}' }),
      ),
      { numRuns: 30 },
    );
  });
});
