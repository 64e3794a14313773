import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES, longOrLengthenedAddress } from '../support/long-addresses.js';
import { accessTokenFor, BASE_PATH, callCameramanager, RESET_PATH, type CameramanagerCall } from './cameramanager-client.js';

const RUNS = 40;

/**
 * Wrong values for `email`: missing, of another type, empty, short, oversize (up to ~20 KB), odd
 * characters, and addresses longer than any account's as sent or once NFKC has expanded them.
 */
const wrongEmail = fc.oneof(
  fc.constant(undefined),
  fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string())),
  fc.string({ maxLength: 2 }),
  fc.string({ minLength: 129, maxLength: 20_000 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  { weight: 2, arbitrary: longOrLengthenedAddress },
);

/** Bodies that are not a PasswordResetRequest: wrong fields, any JSON, broken JSON, arbitrary bytes. */
const wrongBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.record({ email: wrongEmail, extra: fc.option(fc.jsonValue()) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.json({ maxDepth: 4 }),
  fc.json().map((text) => text.slice(0, Math.max(0, text.length - 1))),
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.integer({ min: 16 * 1024 - 20, max: 20_000 }).map((size) => JSON.stringify({ email: 'a'.repeat(size) })),
);

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/problem+json',
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    '*/*',
    'garbage',
  ),
  { nil: undefined },
);
const accept = fc.option(
  fc.constantFrom(
    'application/json',
    '*/*',
    'application/*',
    'text/html',
    'application/xml',
    'application/json;q=0',
    'image/*, text/*',
    ';;;',
  ),
  { nil: undefined },
);

describe('Cameramanager: generated wrong input always gets a documented answer, never a 5xx', () => {
  let deployment: LegacyDeployment;
  let token: string;
  let foreignToken: string;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    token = await accessTokenFor(deployment, await deployment.addClient({ name: 'Cameramanager', legacyApis: ['cameramanager'] }));
    foreignToken = await accessTokenFor(deployment, await deployment.addClient({ name: 'Not a camera app', legacyApis: [] }));
    await deployment.users.createUser({ email: 'jane.doe@example.com', password: 'old-password-1' });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  /** callCameramanager fails the property unless the answer conforms to the document. */
  async function expectDocumentedAndNot5xx(call: CameramanagerCall): Promise<void> {
    const answer = await callCameramanager(deployment, call);
    expect(answer.status, `${answer.status} ${answer.body.slice(0, 200)}`).toBeLessThan(500);
  }

  it('answers wrong bodies with a valid token: 400, 413 or 415, as documented', async () => {
    await fc.assert(
      fc.asyncProperty(wrongBody, contentType, async (body, type) => {
        const answer = await callCameramanager(deployment, {
          body,
          headers: { authorization: `Bearer ${token}`, ...(type === undefined ? {} : { 'content-type': type }) },
        });
        // 404: a body that happens to be valid, for an address no account has.
        expect([400, 404, 413, 415]).toContain(answer.status);
      }),
      // Every boundary address, whatever the seed.
      {
        numRuns: RUNS,
        examples: Object.values(BOUNDARY_ADDRESSES).map((email): [string, 'application/json'] => [
          JSON.stringify({ email }),
          'application/json',
        ]),
      },
    );
  });

  it('answers any mix of headers (token, Accept, Content-Type) with a documented status', async () => {
    const authorization = fc.option(
      fc.constantFrom(
        `Bearer ${token}`,
        `bearer ${token}`,
        `Bearer ${foreignToken}`,
        'Bearer pwat_not-a-real-token',
        'Bearer two words',
        'Basic Y2xpZW50OnNlY3JldA==',
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        authorization,
        accept,
        contentType,
        fc.oneof(wrongBody, fc.constant('{"email":"jane.doe@example.com"}')),
        async (value, acceptHeader, type, body) => {
          const headers: Record<string, string> = {};
          if (value !== undefined) headers.authorization = value;
          if (acceptHeader !== undefined) headers.accept = acceptHeader;
          if (type !== undefined) headers['content-type'] = type;
          await expectDocumentedAndNot5xx({ body, headers });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('answers other methods and paths under /rest/v2.0 with the documented 404 or 405', async () => {
    // Dot segments are left out: the URL parser resolves them before sending, out of the prefix.
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{1,30}$/).filter((part) => !/^(?:\.|%2e)+$/i.test(part));
    const path = fc.oneof(
      fc.constant(RESET_PATH),
      segment.map((part) => `${BASE_PATH}/${part}`),
      segment.map((part) => `${RESET_PATH}/${part}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'POST'), path, async (method, target) => {
        // Paths that are the operation itself with POST are covered above.
        fc.pre(!(method === 'POST' && target === RESET_PATH));
        const withBody = method !== 'GET';
        const answer = await callCameramanager(deployment, {
          method,
          path: target,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(withBody ? { body: '{"email":"jane.doe@example.com"}' } : {}),
        });
        expect([404, 405]).toContain(answer.status);
      }),
      { numRuns: RUNS },
    );
  });
});
