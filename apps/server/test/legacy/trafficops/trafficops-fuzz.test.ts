import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectConforms } from '../support/openapi-contract.js';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { BOUNDARY_ADDRESSES, longOrLengthenedAddress } from '../support/long-addresses.js';
import { bindTrafficOpsClient, callTrafficOps, createUser, RESET_PASSWORD_PATH, validator } from './trafficops-support.js';

const KNOWN = 'known@example.com';

/** Spellings of the one member the endpoint reads, and members it must ignore. */
const keyArbitrary = fc.oneof(fc.constantFrom('email', 'EMAIL', 'Email', 'eMaiL', 'e-mail', 'mail', ''), fc.string({ maxLength: 12 }));
const addressArbitrary = fc.oneof(
  fc.constant(KNOWN),
  fc.emailAddress(),
  // Go sets no length limit; the accounts' is 254, as sent or once NFKC has expanded the address.
  { weight: 3, arbitrary: longOrLengthenedAddress },
  fc.tuple(fc.string({ maxLength: 20 }), fc.emailAddress()).map(([name, address]) => `${name} <${address}>`),
  fc.string({ maxLength: 60 }),
);

/** Wrong and odd bodies: any text or bytes, any JSON, wrong types, odd keys, truncations, oversize strings. */
const bodyArbitrary: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.json({ maxDepth: 3 }),
  fc.json({ maxDepth: 3 }).map((text) => text.slice(0, Math.floor(text.length / 2))),
  fc
    .dictionary(keyArbitrary, fc.oneof(addressArbitrary, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 4 })
    .map((object) => JSON.stringify(object)),
  fc.record({ email: fc.jsonValue({ maxDepth: 2 }) }).map((object) => JSON.stringify(object)),
  fc.string({ minLength: 1000, maxLength: 20_000 }).map((text) => JSON.stringify({ email: text })),
  { weight: 2, arbitrary: longOrLengthenedAddress.map((address) => JSON.stringify({ email: address })) },
  addressArbitrary.map((address) => `${JSON.stringify({ email: address })}${'\n'}trailing`),
);

const contentTypeArbitrary = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/jsv',
      'image/png',
      '*/*',
    ),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z+.-]{1,12}$/),
  ),
  { nil: undefined },
);

describe('wrong input to the Traffic Ops API, generated', () => {
  let deployment: LegacyDeployment;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    await bindTrafficOpsClient(deployment);
    await createUser(deployment, KNOWN);
  });
  afterAll(async () => {
    await deployment.close();
  });

  it('answers every body, under every content type, with a documented 200, 400, 404 or 413, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArbitrary, contentTypeArbitrary, fc.constantFrom('5.0', '4.0', '3.1'), async (body, contentType, version) => {
        const answer = await callTrafficOps(deployment.url, {
          path: `/api/${version}/user/reset_password`,
          headers: contentType === undefined ? {} : { 'content-type': contentType },
          body,
        });
        expectConforms(validator.operation(RESET_PASSWORD_PATH, 'post', answer), `body ${JSON.stringify(String(body).slice(0, 60))}`);
        expect([200, 400, 404, 413]).toContain(answer.status);
      }),
      // Every boundary address, whatever the seed.
      {
        numRuns: 60,
        examples: Object.values(BOUNDARY_ADDRESSES).map((email): [string, string, '5.0'] => [
          JSON.stringify({ email }),
          'application/json',
          '5.0',
        ]),
      },
    );
  });

  it('answers every other path and method under a served version with the documented 404, and an unserved version with the documented 501 (Traffic Ops’ own answer)', async () => {
    // Dot segments would be resolved away by the URL before they are sent.
    const notDots = (part: string) => !/^(?:\.|%2e)+$/i.test(part);
    const segment = fc.oneof(fc.webSegment().filter(notDots), fc.constantFrom('user', 'reset_password', 'users', ''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom('5.0', '4.0', '3.0', '4.3', '2.0', '6.1', '1.1', '3.1.7', '05.0', 'latest', ''),
          fc.webSegment().filter(notDots),
        ),
        fc.array(segment, { maxLength: 4 }),
        async (method, version, segments) => {
          const path = `/api/${version}/${segments.join('/')}`;
          const answer = await callTrafficOps(deployment.url, { method, path, body: '{}' });
          // Go's stringVersionToApiVersion: "<major>.<minor>", anything after a further dot ignored; majors 3 to 5 serve this route.
          const major = /^(\d+)\.\d+(?:\..*)?$/.exec(version)?.[1];
          const served = major !== undefined && [3, 4, 5].includes(Number(major));
          const resetRoute = /^user\/reset_password\/?$/.test(segments.join('/')) && /^[345]\.(?:0|[1-9]\d*)$/.test(version);
          const resetPath = method === 'POST' && resetRoute;
          const expected = !served ? 'UnsupportedApiVersion' : resetPath ? 'the reset operation' : 'NotFound';
          const catchAll = answer.status === 404 && answer.body.includes('does not exist');
          const observed = answer.status === 501 ? 'UnsupportedApiVersion' : catchAll ? 'NotFound' : 'the reset operation';
          expect(observed, `${method} ${path} → ${answer.status} ${answer.body}`).toBe(expected);
          if (expected === 'UnsupportedApiVersion') expectConforms(validator.component('UnsupportedApiVersion', answer), path);
          if (expected === 'NotFound') expectConforms(validator.component('NotFound', answer), `${method} ${path}`);
          if (expected === 'the reset operation') expectConforms(validator.operation(RESET_PASSWORD_PATH, 'post', answer), path);
        },
      ),
      { numRuns: 50 },
    );
  });
});
