import { completeResetInputSchema, isResetErrorCode, requestResetInputSchema } from '@pwreset/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretFromMail, startTestServer, type TestServer } from './support/test-server.js';
import type { RedisConnection } from '../src/redis/redis-connection-factory.js';
import { singleNode } from './support/every-key.js';

const NUM_RUNS = 60;

/**
 * Keys that legitimately change on any call, valid or not, or with no call at all: throttle counters,
 * the audit trail, and BullMQ's stalled-check marker, a timer key the worker set before it stopped that
 * expires by itself (after a sixth of MAIL_JOB_LOCK_DURATION, 5 s by default) while the properties run.
 */
const CHANGING_ON_ANY_CALL = [/^pwreset:rl:/, /^pwreset:audit:/, /^\{pwreset-queue\}:[^:]+:stalled-check$/];

/** Every key with its type and value (excluding the counters and the trail), in a stable order. */
async function keyspaceDigest(connection: RedisConnection): Promise<string> {
  const redis = singleNode(connection);
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
    keys.push(...batch.filter((key) => !CHANGING_ON_ANY_CALL.some((pattern) => pattern.test(key))));
    cursor = next;
  } while (cursor !== '0');
  keys.sort();
  const types = (await redis.pipeline(keys.map((key) => ['type', key])).exec()) ?? [];
  const reads = keys.map((key, index): [string, ...string[]] => {
    const type = String(types[index]?.[1]);
    switch (type) {
      case 'string':
        return ['get', key];
      case 'hash':
        return ['hgetall', key];
      case 'list':
        return ['lrange', key, '0', '-1'];
      case 'set':
        return ['smembers', key];
      case 'zset':
        return ['zrange', key, '0', '-1', 'WITHSCORES'];
      case 'stream':
        return ['xrange', key, '-', '+'];
      default:
        return ['type', key];
    }
  });
  const values = (await redis.pipeline(reads).exec()) ?? [];
  return JSON.stringify(
    keys.map((key, index) => {
      const value = values[index]?.[1];
      const stable = Array.isArray(value) && reads[index]?.[0] === 'smembers' ? [...(value as string[])].sort() : value;
      const fields = stable && typeof stable === 'object' && !Array.isArray(stable) ? Object.entries(stable).sort() : stable;
      return [key, String(types[index]?.[1]), fields];
    }),
  );
}

/** Anything a caller could put in a body: any JSON value, wrong types under the right keys, long and odd strings, extra keys. */
function arbitraryInputFor(keys: readonly string[], maxStringLength = 20_000): fc.Arbitrary<unknown> {
  const oddString = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({
      unit: fc.constantFrom('\u0000', '\u001f', '\u007f', '\u200b', '\ud800', '\ufeff', 'é', '𝔸', 'a', '@', '.'),
      maxLength: 300,
    }),
    fc.integer({ min: 0, max: maxStringLength }).map((length) => 'A'.repeat(length)),
    fc.integer({ min: 0, max: maxStringLength }).chain((length) => fc.string({ unit: 'grapheme', minLength: length, maxLength: length })),
  );
  const anyValue = fc.oneof(fc.anything(), oddString, fc.constant(null), fc.array(fc.anything(), { maxLength: 5 }));
  const rightKeys = fc.record(Object.fromEntries(keys.map((key) => [key, anyValue])), { requiredKeys: [] });
  const withExtraKeys = fc
    .tuple(rightKeys, fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 }))
    .map(([known, extra]) => ({ ...extra, ...known }));
  return fc.oneof(fc.anything(), rightKeys, withExtraKeys, fc.array(rightKeys, { maxLength: 3 }), fc.constant(null), oddString);
}

/** A body as it goes on the wire: JSON of an input, or raw text that is probably not JSON at all. */
type WireBody = { kind: 'json'; input: unknown } | { kind: 'raw'; text: string };

function arbitraryBodyFor(keys: readonly string[]): fc.Arbitrary<WireBody> {
  return fc.oneof(
    { weight: 4, arbitrary: arbitraryInputFor(keys).map((input): WireBody => ({ kind: 'json', input })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((text): WireBody => ({ kind: 'raw', text })) },
  );
}

function wireText(body: WireBody): string | undefined {
  return body.kind === 'raw' ? body.text : JSON.stringify(body.input);
}

/** What the server will see as the input, if the body is JSON at all; `undefined` for none or unreadable. */
function parsedInput(body: WireBody): { readable: boolean; value?: unknown } {
  const text = wireText(body);
  if (text === undefined || text === '') return { readable: true };
  try {
    return { readable: true, value: JSON.parse(text) as unknown };
  } catch {
    return { readable: false };
  }
}

/** Never a 5xx; a JSON body; on errors, one of our closed codes. Returns the parsed body. */
function expectWellFormedAnswer(status: number, text: string, label: string): unknown {
  expect(status, label).toBeLessThan(500);
  const body = JSON.parse(text) as { result?: unknown; error?: { data?: { resetCode?: unknown } } };
  if (status === 200) expect(body.result, label).toBeDefined();
  else expect(isResetErrorCode(body.error?.data?.resetCode), `${label}: ${text.slice(0, 200)}`).toBe(true);
  return body;
}

describe('every procedure, fed arbitrary input, never fails on our side and never changes state unless the input was valid', () => {
  let server: TestServer;
  let realFlowId = '';
  let realSecret: string;

  beforeAll(async () => {
    server = await startTestServer();
    await server.users.createUser({ email: 'prop@example.com', password: 'the-old-password-1' });
    await server.trpc.passwordReset.request.mutate({ email: 'prop@example.com' });
    const [mail] = await server.mails();
    realSecret = secretFromMail(mail!);
    const flow = await server.trpc.passwordReset.request.mutate({ email: 'prop@example.com', method: 'code' });
    realFlowId = 'flowId' in flow ? flow.flowId : '';
    // No worker from here on: nothing but the calls under test may touch Redis.
    await server.stopWorker();
  });
  afterAll(async () => {
    await server.close();
  });

  async function post(procedure: string, body: WireBody, authorized: boolean) {
    const text = wireText(body);
    const response = await fetch(`${server.url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorized ? { authorization: `Bearer ${server.client.accessToken}` } : {}) },
      ...(text === undefined ? {} : { body: text }),
    });
    return { status: response.status, text: await response.text() };
  }

  /** The property: a well-formed answer, and an unchanged keyspace unless `mayChangeState` says the input allows it. */
  async function checkCall(procedure: string, body: WireBody, authorized: boolean, mayChangeState: (input: unknown) => boolean) {
    const before = await keyspaceDigest(server.redis);
    const { status, text } = await post(procedure, body, authorized);
    const label = `${procedure} ${(wireText(body) ?? '<no body>').slice(0, 120)}`;
    expectWellFormedAnswer(status, text, label);
    const parsed = parsedInput(body);
    if (parsed.readable && mayChangeState(parsed.value)) return;
    expect(await keyspaceDigest(server.redis), `${label} changed state`).toBe(before);
  }

  it('the keyspace digest sees what a valid call changes (a queued job, a refused password counted against a secret)', async () => {
    const empty = await keyspaceDigest(server.redis);
    await post('passwordReset.request', { kind: 'json', input: { email: 'someone@example.com' } }, true);
    const queued = await keyspaceDigest(server.redis);
    expect(queued).not.toBe(empty);
    const refused = await post('passwordReset.complete', { kind: 'json', input: { token: realSecret, password: 'short' } }, false);
    expect(refused.status).toBe(422);
    expect(await keyspaceDigest(server.redis)).not.toBe(queued);
  });

  it('passwordReset.request answers arbitrary input with 200 or one of our 4xx codes, and queues nothing for invalid input', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryBodyFor(['email', 'locale', 'resetUrl', 'context']), (body) =>
        checkCall('passwordReset.request', body, true, (input) => requestResetInputSchema.safeParse(input).success),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.request answers every valid input with 200 {accepted: true}', async () => {
    const local = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,30}[a-z0-9]$/).filter((text) => !text.includes('..'));
    const domain = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}\.[a-z]{2,6}$/);
    const validInput = fc
      .record(
        {
          email: fc
            .tuple(local, domain, fc.boolean())
            .map(([name, host, shout]) => (shout ? `${name}@${host}`.toUpperCase() : `${name}@${host}`)),
          locale: fc.constantFrom('en', 'nl', 'es', 'fr', 'fr-BE', 'de', 'pt-BR'),
          context: fc.record({ ip: fc.oneof(fc.ipV4(), fc.ipV6()), userAgent: fc.string({ maxLength: 512 }) }, { requiredKeys: ['ip'] }),
        },
        { requiredKeys: ['email'] },
      )
      .filter((input) => requestResetInputSchema.safeParse(input).success);
    await fc.assert(
      fc.asyncProperty(validInput, async (input) => {
        const { status, text } = await post('passwordReset.request', { kind: 'json', input }, true);
        expect(status, JSON.stringify(input)).toBe(200);
        expect(JSON.parse(text)).toEqual({ result: { data: { accepted: true } } });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.request without a token answers 401 to anything and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryBodyFor(['email', 'locale', 'resetUrl', 'context']), async (body) => {
        const before = await keyspaceDigest(server.redis);
        const { status, text } = await post('passwordReset.request', body, false);
        expectWellFormedAnswer(status, text, 'unauthenticated request');
        expect(status).not.toBe(200);
        expect(await keyspaceDigest(server.redis)).toBe(before);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.inspect answers arbitrary input without a 5xx and never changes state', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryBodyFor(['token']), (body) => checkCall('passwordReset.inspect', body, false, () => false)),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.inspect with the real secret among arbitrary other fields changes nothing', async () => {
    const input = arbitraryInputFor(['password']).map((noise) =>
      noise && typeof noise === 'object' && !Array.isArray(noise) ? { ...noise, token: realSecret } : { token: realSecret, extra: noise },
    );
    await fc.assert(
      fc.asyncProperty(input, (value) => checkCall('passwordReset.inspect', { kind: 'json', input: value }, false, () => false)),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.complete answers arbitrary input without a 5xx and changes state only for a valid input with the real secret', async () => {
    // Some inputs carry the real secret, with an arbitrary (mostly invalid) password beside it.
    const withRealSecret = arbitraryInputFor(['password']).map((noise): WireBody => ({
      kind: 'json',
      input:
        noise && typeof noise === 'object' && !Array.isArray(noise)
          ? { ...noise, token: realSecret }
          : { token: realSecret, password: noise },
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: arbitraryBodyFor(['token', 'password']) }, { weight: 1, arbitrary: withRealSecret }),
        (body) =>
          checkCall('passwordReset.complete', body, false, (input) => {
            const parsed = completeResetInputSchema.safeParse(input);
            return parsed.success && 'token' in parsed.data && parsed.data.token === realSecret;
          }),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.complete with a flow answers arbitrary input without a 5xx and changes state only for a valid input with the real flow id', async () => {
    const withRealFlow = arbitraryInputFor(['code', 'password']).map((noise): WireBody => ({
      kind: 'json',
      input:
        noise && typeof noise === 'object' && !Array.isArray(noise)
          ? { ...noise, flowId: realFlowId }
          : { flowId: realFlowId, code: '12345678', password: noise },
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: arbitraryBodyFor(['flowId', 'code', 'password']) }, { weight: 1, arbitrary: withRealFlow }),
        (body) =>
          checkCall('passwordReset.complete', body, true, (input) => {
            const parsed = completeResetInputSchema.safeParse(input);
            return parsed.success && 'flowId' in parsed.data && parsed.data.flowId === realFlowId;
          }),
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.policy over GET answers any query with the policy or one of our 4xx codes, and changes nothing', async () => {
    // Kept under Node's 16 KiB header limit: a longer URL never reaches the app (Node answers 431 itself, tested below).
    const query = fc
      .oneof(
        arbitraryInputFor(['minLength'], 2_000).map((input) => {
          const json = JSON.stringify(input);
          return json === undefined ? '' : `?input=${encodeURIComponent(json)}`;
        }),
        fc.string({ unit: 'binary', maxLength: 200 }).map((raw) => `?input=${encodeURIComponent(raw)}`),
        fc.string({ maxLength: 100 }).map((raw) => `?${raw}`),
      )
      .filter((search) => new URL(`http://host/${search}`).search.length < 8_000);
    await fc.assert(
      fc.asyncProperty(query, async (search) => {
        const before = await keyspaceDigest(server.redis);
        const response = await fetch(`${server.url}/trpc/passwordReset.policy${search}`);
        const body = expectWellFormedAnswer(response.status, await response.text(), `policy ${search.slice(0, 120)}`) as {
          result?: { data?: { minLength?: unknown } };
        };
        if (response.status === 200) expect(body.result?.data?.minLength).toBeTypeOf('number');
        expect(await keyspaceDigest(server.redis)).toBe(before);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('passwordReset.policy over GET with a URL past the header limit is refused by Node with 431, not a 5xx', async () => {
    const response = await fetch(`${server.url}/trpc/passwordReset.policy?input=${'A'.repeat(20_000)}`);
    expect(response.status).toBe(431);
  });
});
