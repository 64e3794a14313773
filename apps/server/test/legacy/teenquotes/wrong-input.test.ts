import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES, longOrLengthenedAddress } from '../support/long-addresses.js';
import { accessTokenFor, send, type TeenQuotesPath } from './teenquotes-support.js';

const PATHS: readonly TeenQuotesPath[] = ['/oauth', '/v1/password/remind', '/v1/password/reset'];
const KNOWN_EMAIL = 'fuzz@quotes.example';

/** A value a careless client might send: short or long text, numbers, booleans, null, lists, objects. */
const textValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }) },
  { weight: 2, arbitrary: fc.constantFrom(KNOWN_EMAIL, 'client_credentials', 'password', '', ' ', 'a@b', 'x'.repeat(43), '😀😀😀😀😀😀') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((length) => 'é'.repeat(length)) },
  // Longer than any account's address, as sent or once NFKC has expanded it.
  { weight: 2, arbitrary: longOrLengthenedAddress },
);
const jsonValue = fc.oneof(
  textValue,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })),
);
const parameterName = fc.constantFrom(
  'email',
  'token',
  'password',
  'access_token',
  'grant_type',
  'client_id',
  'client_secret',
  'EMAIL',
  'email[]',
  '',
);

/** A body and its content type: JSON objects, forms, broken JSON, anything in any type, oversize. */
const body = fc.oneof(
  fc.record({
    type: fc.constantFrom('application/json', 'text/json; charset=utf-8', 'application/json-patch+json'),
    text: fc.dictionary(parameterName, jsonValue, { maxKeys: 5 }).map((value) => JSON.stringify(value)),
  }),
  fc.record({
    type: fc.constant('application/x-www-form-urlencoded'),
    text: fc.dictionary(parameterName, textValue, { maxKeys: 5 }).map((value) => new URLSearchParams(value).toString()),
  }),
  fc.record({
    type: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'),
    text: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json().map((json) => json.slice(0, -1)),
    ),
  }),
  fc.record({
    type: fc.constantFrom(
      '',
      'text/plain',
      'application/xml',
      'multipart/form-data',
      'multipart/form-data; boundary=zz',
      'application/vnd.api+json',
      'application/x-www-form-urlencoded; charset=latin1',
    ),
    text: fc.string({ maxLength: 300 }),
  }),
  fc.record({
    type: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
    text: fc.integer({ min: 16 * 1024 + 1, max: 20_000 }).map((length) => 'x'.repeat(length)),
  }),
);

describe('Teen Quotes: wrong input of every kind gets a documented answer and never a 5xx', () => {
  let deployment: LegacyDeployment;
  let accessToken: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    const credentials = await deployment.addClient({ name: 'Fuzzed Quotes', legacyApis: ['teenquotes'] });
    await deployment.users.createUser({ email: KNOWN_EMAIL, password: 'fuzzing is fun 1' });
    accessToken = await accessTokenFor(deployment, credentials);
  });
  afterAll(async () => {
    await deployment?.close();
  });

  it('answers any body, content type, query and Authorization header as its document says', async () => {
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.constant(`Bearer ${accessToken}`),
      fc.constant(accessToken),
      fc.string({ maxLength: 80 }).filter((text) => /^[\x20-\x7e]*$/.test(text)),
    );
    const query = fc
      .dictionary(
        parameterName,
        textValue.filter((text) => text.length < 2000),
        { maxKeys: 3 },
      )
      .map((value) => new URLSearchParams(value).toString());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), body, query, authorization, async (path, { type, text }, queryString, header) => {
        const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
        if (header !== undefined) headers.authorization = header;
        // send() validates the answer against the operation's declared responses.
        const answer = await send(deployment, `${path}${queryString ? `?${queryString}` : ''}`, { headers, body: text }, { path });
        expect(answer.status).toBeLessThan(500);
      }),
      {
        numRuns: 60,
        // Every route that reads an address, with every boundary address, whatever the seed.
        examples: (['/v1/password/remind', '/v1/password/reset'] as const).flatMap((path) =>
          Object.values(BOUNDARY_ADDRESSES).map((email): [TeenQuotesPath, { type: string; text: string }, string, string | undefined] => [
            path,
            {
              type: 'application/x-www-form-urlencoded',
              text: new URLSearchParams({ email, token: 'x'.repeat(43), password: 'long enough passphrase' }).toString(),
            },
            '',
            `Bearer ${accessToken}`,
          ]),
        ),
      },
    );
  });

  it('answers any unknown path or other method under /v1 in its envelope', async () => {
    // Not `.` or `..`: fetch would resolve them and leave /v1.
    const segment = fc.stringMatching(/^[a-z0-9._~-]{1,10}$/).filter((text) => !/^\.+$/.test(text));
    const path = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => `/v1/${segments.join('/')}`),
      fc.constantFrom('/v1', '/v1/password/remind', '/v1/password/reset', '/v1/password'),
    );
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST'), async (target, method) => {
        const resource = ['/v1/password/remind', '/v1/password/reset'].includes(target);
        if (resource && method === 'POST') return;
        const documentedAs = { component: resource ? 'MethodNotAllowed' : 'NotFound' };
        const answer = await send(deployment, target, { method, headers: { authorization: `Bearer ${accessToken}` } }, documentedAs);
        expect(answer.status).toBe(resource ? 405 : 404);
      }),
      { numRuns: 40 },
    );
  });

  it('answers 413 to a body over 16 KiB even when it comes without a Content-Length, and closes that connection', async () => {
    for (const path of PATHS) {
      // One chunk, so the client has written everything before the server answers and closes.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('x'.repeat(20_000)));
          controller.close();
        },
      });
      const answer = await send(
        deployment,
        path,
        { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, duplex: 'half' } as RequestInit,
        { path },
      );
      expect([answer.status, answer.headers.get('connection')], path).toEqual([413, 'close']);
    }
  });

  it('answers a malformed path encoding under /v1 as an unknown path', async () => {
    const answer = await send(deployment, '/v1/%E0%A4%A/password', { method: 'GET' }, { component: 'NotFound' });
    expect(answer.status).toBe(404);
  });
});
