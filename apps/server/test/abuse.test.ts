import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEmailHash } from '../src/audit/redis-audit-log.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { secretFromMail, startTestServer, type TestServer } from './support/test-server.js';

// The test servers' key prefix.
const THROTTLES = redisKeys('pwreset');

type RunningTestServer = Awaited<ReturnType<typeof startTestServer>>;

const OLD_PASSWORD = 'the-original-password-1';
const NEW_PASSWORD = 'a-brand-new-passphrase-7';
/** Headers that differ on every answer by design. */
const VARYING_HEADERS = new Set(['date', 'x-request-id']);

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: unknown;
}

interface ErrorBody {
  error: { data: { resetCode: string; retryAfterSeconds?: number; reasons?: string[] } };
}

/** A test server for one describe block, with its own Redis and throttles. */
function useTestServer(environment: Record<string, string> = {}): () => RunningTestServer {
  let server: RunningTestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(environment);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the test server has not started');
    return server;
  };
}

async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** POSTs raw JSON to a procedure, as any HTTP client would; the bearer token only when asked. */
async function callProcedure(
  server: TestServer,
  procedure: 'request' | 'inspect' | 'complete',
  input: unknown,
  { bearer = procedure === 'request', headers = {} }: { bearer?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${server.url}/trpc/passwordReset.${procedure}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${server.client.accessToken}` } : {}),
      ...headers,
    },
    body: JSON.stringify(input),
  });
  return readAnswer(response);
}

/** Status, every header but Date and the request id, and the body's bytes. */
function comparable(answer: Answer) {
  const headers = [...answer.headers.entries()].filter(([name]) => !VARYING_HEADERS.has(name));
  return { status: answer.status, headers: headers.sort(([left], [right]) => left.localeCompare(right)), text: answer.text };
}

function resetCodeOf(answer: Answer): string | undefined {
  return (answer.body as Partial<ErrorBody> | undefined)?.error?.data?.resetCode;
}

async function resetMailsTo(server: TestServer, email: string) {
  return (await server.mails()).filter((mail) => mail.kind === 'password-reset' && mail.to === email);
}

async function createUser(server: TestServer, email: string): Promise<string> {
  const created = await server.users.createUser({ email, password: OLD_PASSWORD, name: 'Jo Tester' });
  if (!created.created) throw new Error(`user ${email} exists`);
  return created.userId;
}

/** Asks for a reset and returns the secret from the mail. */
async function requestSecret(server: TestServer, email: string): Promise<string> {
  const before = (await resetMailsTo(server, email)).length;
  expect((await callProcedure(server, 'request', { email })).status).toBe(200);
  const mail = (await resetMailsTo(server, email))[before];
  if (!mail) throw new Error(`no reset mail for ${email}`);
  return secretFromMail(mail);
}

const ACCEPTED = JSON.stringify({ result: { data: { accepted: true } } });

describe('per-address throttle (RATE_LIMIT_REQUESTS_PER_ADDRESS=3/1h)', () => {
  const server = useTestServer({ RATE_LIMIT_REQUESTS_PER_ADDRESS: '3/1h' });

  it('answers five requests for an existing address identically and mails only three times', async () => {
    await createUser(server(), 'bombed@example.com');
    const answers = [];
    for (let index = 0; index < 5; index += 1) answers.push(await callProcedure(server(), 'request', { email: 'bombed@example.com' }));
    expect(answers[0]?.status).toBe(200);
    expect(answers[0]?.text).toBe(ACCEPTED);
    for (const answer of answers) expect(comparable(answer)).toEqual(comparable(answers[0]!));
    expect(await resetMailsTo(server(), 'bombed@example.com')).toHaveLength(3);
  });

  it('counts an unknown address the same way, by a keyed hash of it, and answers it identically', async () => {
    const existing = await callProcedure(server(), 'request', { email: 'bombed@example.com' });
    const answers = [];
    // Differently written, the same address once normalised: one counter.
    for (const email of ['ghost@example.com', 'Ghost@Example.com', ' ghost@example.com', 'GHOST@EXAMPLE.COM', 'ghost@example.com']) {
      answers.push(await callProcedure(server(), 'request', { email }));
    }
    for (const answer of answers) expect(comparable(answer)).toEqual(comparable(existing));
    expect(await resetMailsTo(server(), 'ghost@example.com')).toHaveLength(0);

    const counterKey = THROTTLES.resetRequestThrottle('address', server().config.keyRing.digest('throttle:ghost@example.com'));
    expect(await server().redis.exists(counterKey)).toBe(1);
    expect(Number(await server().redis.get(counterKey))).toBe(5);
    const addressCounters = await server().redis.keys(THROTTLES.resetRequestThrottle('address', '*'));
    expect(addressCounters.join('\n')).not.toMatch(/ghost|bombed/i);
  });
});

describe('per-client throttle (RATE_LIMIT_REQUESTS_PER_CLIENT=2/1h)', () => {
  const server = useTestServer({ RATE_LIMIT_REQUESTS_PER_CLIENT: '2/1h' });

  it('sends nothing for the third request of a client, and answers it like the others', async () => {
    const emails = ['client-a@example.com', 'client-b@example.com', 'client-c@example.com'];
    for (const email of emails) await createUser(server(), email);
    const answers = [];
    for (const email of emails) answers.push(await callProcedure(server(), 'request', { email }));
    for (const answer of answers) expect(comparable(answer)).toEqual(comparable(answers[0]!));
    expect(answers[2]?.text).toBe(ACCEPTED);
    expect(await resetMailsTo(server(), emails[0]!)).toHaveLength(1);
    expect(await resetMailsTo(server(), emails[1]!)).toHaveLength(1);
    expect(await resetMailsTo(server(), emails[2]!)).toHaveLength(0);
  });
});

describe('per-IP throttle (RATE_LIMIT_REQUESTS_PER_IP=2/1h)', () => {
  const server = useTestServer({ RATE_LIMIT_REQUESTS_PER_IP: '2/1h' });

  it('throttles the end user the application names in context.ip, not the application', async () => {
    const emails = ['ip-a@example.com', 'ip-b@example.com', 'ip-c@example.com', 'ip-d@example.com'];
    for (const email of emails) await createUser(server(), email);
    const context = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (throttle test)' };
    const answers = [];
    for (const email of emails.slice(0, 3)) answers.push(await callProcedure(server(), 'request', { email, context }));
    // Another end user of the same application still gets their mail.
    answers.push(await callProcedure(server(), 'request', { email: emails[3], context: { ip: '198.51.100.20' } }));
    for (const answer of answers) expect(comparable(answer)).toEqual(comparable(answers[0]!));
    expect(await resetMailsTo(server(), emails[0]!)).toHaveLength(1);
    expect(await resetMailsTo(server(), emails[1]!)).toHaveLength(1);
    expect(await resetMailsTo(server(), emails[2]!)).toHaveLength(0);
    expect(await resetMailsTo(server(), emails[3]!)).toHaveLength(1);
    expect(await server().redis.get(THROTTLES.resetRequestThrottle('ip', '203.0.113.7'))).toBe('3');
    // The application's own socket address was not counted for its users.
    expect(await server().redis.exists(THROTTLES.resetRequestThrottle('ip', '127.0.0.1'))).toBe(0);
  });

  it('without context, throttles the socket address (127.0.0.1)', async () => {
    const emails = ['socket-a@example.com', 'socket-b@example.com', 'socket-c@example.com'];
    for (const email of emails) await createUser(server(), email);
    for (const email of emails) expect((await callProcedure(server(), 'request', { email })).text).toBe(ACCEPTED);
    expect(await resetMailsTo(server(), emails[0]!)).toHaveLength(1);
    expect(await resetMailsTo(server(), emails[1]!)).toHaveLength(1);
    expect(await resetMailsTo(server(), emails[2]!)).toHaveLength(0);
    expect(await server().redis.get(THROTTLES.resetRequestThrottle('ip', '127.0.0.1'))).toBe('3');
  });
});

describe('X-Forwarded-For', () => {
  describe('without TRUST_PROXY', () => {
    const server = useTestServer({ RATE_LIMIT_REQUESTS_PER_IP: '2/1h' });

    it('is ignored: requests claiming different clients share the socket address budget', async () => {
      const emails = ['xff-a@example.com', 'xff-b@example.com', 'xff-c@example.com'];
      for (const email of emails) await createUser(server(), email);
      for (const [index, email] of emails.entries()) {
        await callProcedure(server(), 'request', { email }, { headers: { 'x-forwarded-for': `198.51.100.${index + 1}` } });
      }
      expect(await resetMailsTo(server(), emails[2]!)).toHaveLength(0);
      expect(await resetMailsTo(server(), emails[0]!)).toHaveLength(1);
      expect(await server().redis.get(THROTTLES.resetRequestThrottle('ip', '127.0.0.1'))).toBe('3');
      expect(await server().redis.keys(THROTTLES.resetRequestThrottle('ip', '198.51.100.*'))).toEqual([]);
    });
  });

  describe('with TRUST_PROXY=loopback', () => {
    const server = useTestServer({ RATE_LIMIT_REQUESTS_PER_IP: '2/1h', TRUST_PROXY: 'loopback' });

    it('is believed from the loopback proxy: each forwarded client has its own budget', async () => {
      const emails = ['proxied-a@example.com', 'proxied-b@example.com', 'proxied-c@example.com'];
      for (const email of emails) await createUser(server(), email);
      for (const [index, email] of emails.entries()) {
        await callProcedure(server(), 'request', { email }, { headers: { 'x-forwarded-for': `198.51.100.${index + 1}` } });
      }
      for (const email of emails) expect(await resetMailsTo(server(), email)).toHaveLength(1);
      expect(await server().redis.get(THROTTLES.resetRequestThrottle('ip', '198.51.100.1'))).toBe('1');
      expect(await server().redis.exists(THROTTLES.resetRequestThrottle('ip', '127.0.0.1'))).toBe(0);
    });
  });
});

describe('inspect and complete throttle per IP (RATE_LIMIT_SECRET_ATTEMPTS_PER_IP=3/15m)', () => {
  const server = useTestServer({ RATE_LIMIT_SECRET_ATTEMPTS_PER_IP: '3/15m' });

  it('answers the fourth attempt with 429 TOO_MANY_REQUESTS, a Retry-After header and retryAfterSeconds', async () => {
    const madeUp = 'A'.repeat(43);
    expect(resetCodeOf(await callProcedure(server(), 'inspect', { token: madeUp }))).toBe('TOKEN_INVALID');
    expect(resetCodeOf(await callProcedure(server(), 'complete', { token: madeUp, password: NEW_PASSWORD }))).toBe('TOKEN_INVALID');
    expect(resetCodeOf(await callProcedure(server(), 'inspect', { token: madeUp }))).toBe('TOKEN_INVALID');

    for (const throttled of [
      await callProcedure(server(), 'inspect', { token: madeUp }),
      await callProcedure(server(), 'complete', { token: madeUp, password: NEW_PASSWORD }),
    ]) {
      expect(throttled.status).toBe(429);
      expect(resetCodeOf(throttled)).toBe('TOO_MANY_REQUESTS');
      const retryAfter = throttled.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);
      const { retryAfterSeconds } = (throttled.body as ErrorBody).error.data;
      expect(Number.isInteger(retryAfterSeconds)).toBe(true);
      expect(Math.abs(retryAfterSeconds! - Number(retryAfter))).toBeLessThanOrEqual(1);
    }
  });
});

describe('a secret with refused passwords (RESET_SECRET_MAX_FAILED_ATTEMPTS=3)', () => {
  const server = useTestServer({ RESET_SECRET_MAX_FAILED_ATTEMPTS: '3' });

  it('is locked after the third refusal: even a good password is then refused TOKEN_LOCKED, and the password is unchanged', async () => {
    const userId = await createUser(server(), 'locked@example.com');
    const secret = await requestSecret(server(), 'locked@example.com');
    for (const refused of ['short', 'password', 'locked@example.com-1']) {
      const answer = await callProcedure(server(), 'complete', { token: secret, password: refused });
      expect(answer.status, refused).toBe(422);
      expect(resetCodeOf(answer)).toBe('PASSWORD_REJECTED');
    }
    const good = await callProcedure(server(), 'complete', { token: secret, password: NEW_PASSWORD });
    expect(good.status).toBe(400);
    expect(resetCodeOf(good)).toBe('TOKEN_LOCKED');
    expect(resetCodeOf(await callProcedure(server(), 'inspect', { token: secret }))).toBe('TOKEN_LOCKED');
    expect(await server().users.verifyPassword(userId, OLD_PASSWORD)).toBe(true);
    expect(await server().users.verifyPassword(userId, NEW_PASSWORD)).toBe(false);
  });
});

describe('mailed links (PUBLIC_BASE_URL=https://reset.example.com, behind a trusted proxy)', () => {
  // With TRUST_PROXY, express would believe X-Forwarded-Host and -Proto: the link must ignore them all the same.
  const server = useTestServer({ PUBLIC_BASE_URL: 'https://reset.example.com', TRUST_PROXY: 'loopback' });

  /** A raw HTTP request, so Host can be anything (fetch forbids setting it). */
  function postWithForgedHost(headers: Record<string, string>, body: string): Promise<number> {
    const { port } = new URL(server().url);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(port),
          method: 'POST',
          path: '/trpc/passwordReset.request',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${server().client.accessToken}`,
            ...headers,
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  it('never takes the link from a forged Host, X-Forwarded-Host or X-Forwarded-Proto', async () => {
    await createUser(server(), 'phished@example.com');
    const forgeries: Array<Record<string, string>> = [
      { host: 'evil.example' },
      { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
      {
        host: 'reset.example.com.evil.example:8443',
        'x-forwarded-host': 'evil.example:444',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': '444',
      },
    ];
    for (const headers of forgeries) expect(await postWithForgedHost(headers, JSON.stringify({ email: 'phished@example.com' }))).toBe(200);
    const mails = await resetMailsTo(server(), 'phished@example.com');
    expect(mails).toHaveLength(forgeries.length);
    for (const mail of mails) {
      const links = [...`${mail.text}\n${mail.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)].map(([link]) => link);
      const resetLinks = links.filter((link) => link.includes('#token='));
      expect(resetLinks.length).toBeGreaterThan(0);
      for (const link of resetLinks) expect(link).toMatch(/^https:\/\/reset\.example\.com\/reset#token=[A-Za-z0-9_-]{43}$/);
      expect(`${mail.text}${mail.html}`).not.toContain('evil');
    }
  });
});

describe('response headers', () => {
  const server = useTestServer();

  function expectSecurityHeaders(answer: Answer, label: string): void {
    expect(answer.headers.get('cache-control'), label).toBe('no-store');
    expect(answer.headers.get('referrer-policy'), label).toBe('no-referrer');
    expect(answer.headers.get('x-content-type-options'), label).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security'), label).toMatch(/max-age=\d+/);
    const framing = answer.headers.get('x-frame-options') ?? '';
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(/^(DENY|SAMEORIGIN)$/i.test(framing) || /frame-ancestors 'none'/.test(csp), label).toBe(true);
  }

  it('every /trpc answer, success or error, carries no-store, no-referrer and helmet’s headers', async () => {
    await createUser(server(), 'headers@example.com');
    const secret = await requestSecret(server(), 'headers@example.com');
    const answers: Record<string, Answer> = {
      // Another address: a newer request for the same one would supersede the secret.
      'request 200': await callProcedure(server(), 'request', { email: 'someone-else@example.com' }),
      'request 401': await callProcedure(server(), 'request', { email: 'someone-else@example.com' }, { bearer: false }),
      'request 400': await callProcedure(server(), 'request', { email: 'not an address' }),
      'inspect 200': await callProcedure(server(), 'inspect', { token: secret }),
      'inspect 400': await callProcedure(server(), 'inspect', { token: 'made-up' }),
      'complete 422': await callProcedure(server(), 'complete', { token: secret, password: 'short' }),
      'complete 200': await callProcedure(server(), 'complete', { token: secret, password: NEW_PASSWORD }),
      'policy 200': await readAnswer(await fetch(`${server().url}/trpc/passwordReset.policy`)),
      'inspect over GET 405': await readAnswer(await fetch(`${server().url}/trpc/passwordReset.inspect`)),
      'unknown procedure 404': await readAnswer(
        await fetch(`${server().url}/trpc/passwordReset.nothing`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      ),
      'request 413': await readAnswer(
        await fetch(`${server().url}/trpc/passwordReset.request`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server().client.accessToken}` },
          body: JSON.stringify({ email: `${'x'.repeat(20_000)}@example.com` }),
        }),
      ),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([label, answer]) => [label, answer.status]));
    expect(statuses).toEqual({
      'request 200': 200,
      'request 401': 401,
      'request 400': 400,
      'inspect 200': 200,
      'inspect 400': 400,
      'complete 422': 422,
      'complete 200': 200,
      'policy 200': 200,
      'inspect over GET 405': 405,
      'unknown procedure 404': 404,
      'request 413': 413,
    });
    for (const [label, answer] of Object.entries(answers)) expectSecurityHeaders(answer, label);
  });

  it('every /oauth/token answer, success or error, carries them too', async () => {
    const { clientId, clientSecret } = server().client;
    const token = (body: string, headers: Record<string, string> = {}, method = 'POST') =>
      fetch(`${server().url}/oauth/token`, {
        method,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        ...(method === 'POST' ? { body } : {}),
      }).then(readAnswer);
    const answers: Record<string, Answer> = {
      '200': await token(
        new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
      ),
      '401': await token(
        new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientSecret}x` }).toString(),
      ),
      '400': await token('grant_type=password'),
      '405': await token('', {}, 'GET'),
      '413': await token(`grant_type=client_credentials&padding=${'p'.repeat(20_000)}`),
    };
    for (const [status, answer] of Object.entries(answers)) {
      expect(answer.status).toBe(Number(status));
      expectSecurityHeaders(answer, `/oauth/token ${status}`);
    }
  });
});

describe('bodies over 16 KiB', () => {
  const server = useTestServer();
  const overLimit = JSON.stringify({ email: `${'o'.repeat(17 * 1024)}@example.com` });

  it('are refused with 413 PAYLOAD_TOO_LARGE on /trpc and 413 invalid_request on /oauth/token', async () => {
    const trpc = await readAnswer(
      await fetch(`${server().url}/trpc/passwordReset.request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server().client.accessToken}` },
        body: overLimit,
      }),
    );
    expect(trpc.status).toBe(413);
    expect(resetCodeOf(trpc)).toBe('PAYLOAD_TOO_LARGE');

    for (const [contentType, body] of [
      ['application/x-www-form-urlencoded', `grant_type=client_credentials&client_id=${'i'.repeat(17 * 1024)}`],
      ['application/json', JSON.stringify({ grant_type: 'client_credentials', client_id: 'i'.repeat(17 * 1024) })],
    ] as const) {
      const oauth = await readAnswer(
        await fetch(`${server().url}/oauth/token`, { method: 'POST', headers: { 'content-type': contentType }, body }),
      );
      expect(oauth.status, contentType).toBe(413);
      expect(oauth.body).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('in a burst of 200 concurrent 100 KiB bodies never yield a 5xx, and leave the server healthy', async () => {
    const hundredKiB = 'b'.repeat(100 * 1024);
    const targets = [
      {
        path: '/trpc/passwordReset.request',
        contentType: 'application/json',
        body: JSON.stringify({ email: `${hundredKiB}@example.com` }),
        bearer: true,
      },
      { path: '/trpc/passwordReset.inspect', contentType: 'application/json', body: JSON.stringify({ token: hundredKiB }), bearer: false },
      {
        path: '/trpc/passwordReset.complete',
        contentType: 'application/json',
        body: JSON.stringify({ token: 'A'.repeat(43), password: hundredKiB }),
        bearer: false,
      },
      {
        path: '/oauth/token',
        contentType: 'application/x-www-form-urlencoded',
        body: `grant_type=client_credentials&client_secret=${hundredKiB}`,
        bearer: false,
      },
    ];
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const target = targets[index % targets.length]!;
        try {
          const response = await fetch(`${server().url}${target.path}`, {
            method: 'POST',
            headers: {
              'content-type': target.contentType,
              ...(target.bearer ? { authorization: `Bearer ${server().client.accessToken}` } : {}),
            },
            body: target.body,
          });
          await response.arrayBuffer();
          return String(response.status);
        } catch (error) {
          return `network error: ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`;
        }
      }),
    );
    const tally = outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});
    expect(tally).toEqual({ '413': 200 });

    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server().url}/readyz`)).status).toBe(200);
    const normal = await callProcedure(server(), 'request', { email: 'after-the-burst@example.com' });
    expect(normal.status).toBe(200);
    expect(normal.text).toBe(ACCEPTED);
  });
});

describe('Redis unreachable', () => {
  const server = useTestServer();

  it('fails closed: request, inspect, complete, /oauth/token and /readyz answer 503, nothing 500', async () => {
    // Stop the worker first: it would only retry its connection meanwhile.
    await server().stopWorker();
    await server().privateRedis.stop();
    const { clientId, clientSecret } = server().client;

    const procedures = {
      request: await callProcedure(server(), 'request', { email: 'someone@example.com' }),
      inspect: await callProcedure(server(), 'inspect', { token: 'A'.repeat(43) }),
      complete: await callProcedure(server(), 'complete', { token: 'A'.repeat(43), password: NEW_PASSWORD }),
    };
    for (const [procedure, answer] of Object.entries(procedures)) {
      expect(answer.status, procedure).toBe(503);
      expect(resetCodeOf(answer), procedure).toBe('SERVICE_UNAVAILABLE');
    }

    const token = await readAnswer(
      await fetch(`${server().url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      }),
    );
    expect(token.status).toBe(503);
    expect(token.body).toMatchObject({ error: 'temporarily_unavailable' });
    const ready = await fetch(`${server().url}/readyz`);
    expect(ready.status).toBe(503);
    await ready.arrayBuffer();

    // What needs no Redis still answers; nothing at all answers 500.
    expect((await fetch(`${server().url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server().url}/trpc/passwordReset.policy`)).status).toBe(200);
    const unauthenticated = await callProcedure(server(), 'request', { email: 'someone@example.com' }, { bearer: false });
    expect(unauthenticated.status).toBeLessThan(500);
  });
});

describe('the audit trail', () => {
  const server = useTestServer();

  it('records request, inspection, refusal and completion with client, address hash and IP, never a secret, a password or the address', async () => {
    const userId = await createUser(server(), 'Audited.Person@Example.com');
    const context = { ip: '203.0.113.50', userAgent: 'audit-test-agent' };
    const before = (await resetMailsTo(server(), 'Audited.Person@Example.com')).length;
    expect((await callProcedure(server(), 'request', { email: 'Audited.Person@Example.com', context })).status).toBe(200);
    const mail = (await resetMailsTo(server(), 'Audited.Person@Example.com'))[before];
    const secret = secretFromMail(mail!);
    expect((await callProcedure(server(), 'inspect', { token: secret })).status).toBe(200);
    const refusedPassword = 'audited.person-is-me';
    expect(resetCodeOf(await callProcedure(server(), 'complete', { token: secret, password: refusedPassword }))).toBe('PASSWORD_REJECTED');
    expect((await callProcedure(server(), 'complete', { token: secret, password: NEW_PASSWORD })).status).toBe(200);
    await server().mails();

    const entries = (await server().redis.xrange('pwreset:audit:{stream}', '-', '+')).map(([, fields]) =>
      Object.fromEntries(fields.flatMap((_, index) => (index % 2 === 0 ? [[fields[index]!, fields[index + 1]!]] : []))),
    );
    const { clientId } = server().client;
    const emailHash = auditEmailHash(server().config.keyRing, 'audited.person@example.com');
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'request', outcome: 'accepted', clientId, emailHash, ip: '203.0.113.50' }),
        expect.objectContaining({ action: 'inspect', outcome: 'valid', clientId, userId, ip: '127.0.0.1' }),
        expect.objectContaining({
          action: 'complete',
          outcome: 'refused',
          clientId,
          userId,
          ip: '127.0.0.1',
          reason: expect.stringContaining('CONTEXTUAL'),
        }),
        expect.objectContaining({ action: 'complete', outcome: 'completed', clientId, userId, ip: '127.0.0.1' }),
      ]),
    );
    for (const entry of entries) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const trail = JSON.stringify(entries);
    expect(trail).not.toContain(secret);
    expect(trail).not.toContain(server().config.keyRing.digestOfStamped(secret));
    expect(trail).not.toContain(refusedPassword);
    expect(trail).not.toContain(NEW_PASSWORD);
    expect(trail.toLowerCase()).not.toContain('audited.person');
    expect(trail).not.toContain('@');
  });
});
