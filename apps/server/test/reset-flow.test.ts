import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@pwreset/contract/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretFromMail, startTestServer, type TestServer } from './support/test-server.js';
import { everyKey } from './support/every-key.js';

const OLD_PASSWORD = 'original-password-1';
const NEW_PASSWORD = 'a-brand-new-passphrase';

function resetCodeOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.resetCode : undefined;
}

async function expectResetError(promise: Promise<unknown>, code: string): Promise<TRPCClientError<AppRouter>> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(resetCodeOf(error)).toBe(code);
  return error as TRPCClientError<AppRouter>;
}

describe('a password reset over tRPC, against a real Redis', () => {
  let server: TestServer;
  let userCount = 0;

  async function newUser(name = 'Jane Doe'): Promise<{ email: string; userId: string }> {
    userCount += 1;
    const email = `user${userCount}@example.com`;
    const created = await server.users.createUser({ email, password: OLD_PASSWORD, name });
    if (!created.created) throw new Error('user exists');
    return { email, userId: created.userId };
  }

  async function requestAndReadSecret(email: string): Promise<string> {
    const before = (await server.mails()).length;
    await server.trpc.passwordReset.request.mutate({ email });
    const mails = await server.mails();
    const mail = mails.slice(before).find((candidate) => candidate.to === email && candidate.kind === 'password-reset');
    if (!mail) throw new Error(`no reset mail for ${email}`);
    return secretFromMail(mail);
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs the whole flow: request, mail, inspect, complete, new password, changed mail', async () => {
    const { email } = await newUser();
    const answer = await server.trpc.passwordReset.request.mutate({ email, locale: 'en' });
    expect(answer).toEqual({ accepted: true });

    const [resetMail] = (await server.mails()).filter((mail) => mail.to === email);
    expect(resetMail?.kind).toBe('password-reset');
    expect(resetMail?.text).toContain(`${server.config.publicBaseUrl}/reset#token=`);
    const secret = secretFromMail(resetMail!);

    const inspected = await server.publicTrpc.passwordReset.inspect.mutate({ token: secret });
    expect(inspected.maskedEmail).toMatch(/^u\*+@example\.com$/);
    expect(new Date(inspected.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    expect(inspected.policy.minLength).toBe(8);

    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: NEW_PASSWORD })).toEqual({ completed: true });

    const user = await server.users.findByEmail(email);
    expect(await server.users.verifyPassword(user!.id, NEW_PASSWORD)).toBe(true);
    expect(await server.users.verifyPassword(user!.id, OLD_PASSWORD)).toBe(false);

    const changedMail = (await server.mails()).find((mail) => mail.to === email && mail.kind === 'password-changed');
    expect(changedMail?.subject).toMatch(/changed/i);
    expect(changedMail?.text).not.toContain(secret);
  });

  it('refuses a secret that was already used, saying so', async () => {
    const { email } = await newUser();
    const secret = await requestAndReadSecret(email);
    await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: NEW_PASSWORD });
    await expectResetError(
      server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: 'yet-another-passphrase' }),
      'TOKEN_USED',
    );
    await expectResetError(server.publicTrpc.passwordReset.inspect.mutate({ token: secret }), 'TOKEN_USED');
  });

  it('inspecting a secret does not consume it', async () => {
    const { email } = await newUser();
    const secret = await requestAndReadSecret(email);
    await server.publicTrpc.passwordReset.inspect.mutate({ token: secret });
    await server.publicTrpc.passwordReset.inspect.mutate({ token: secret });
    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: NEW_PASSWORD })).toEqual({ completed: true });
  });

  it('a refused password leaves the link usable', async () => {
    const { email, userId } = await newUser();
    const secret = await requestAndReadSecret(email);
    const tooShort = await expectResetError(
      server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: 'short' }),
      'PASSWORD_REJECTED',
    );
    expect(tooShort.data?.reasons).toContain('TOO_SHORT');
    expect(tooShort.data?.httpStatus).toBe(422);
    const common = await expectResetError(
      server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: 'password123' }),
      'PASSWORD_REJECTED',
    );
    expect(common.data?.reasons).toEqual(['COMMON']);
    const reused = await expectResetError(
      server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: OLD_PASSWORD }),
      'PASSWORD_REJECTED',
    );
    expect(reused.data?.reasons).toEqual(['REUSED']);
    expect(await server.users.verifyPassword(userId, OLD_PASSWORD)).toBe(true);
    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: NEW_PASSWORD })).toEqual({ completed: true });
  });

  it('of 20 concurrent completions with one secret, exactly one succeeds', async () => {
    const { email, userId } = await newUser();
    const secret = await requestAndReadSecret(email);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: `concurrent-pass-${index}` }),
      ),
    );
    const winners = attempts.flatMap((attempt, index) => (attempt.status === 'fulfilled' ? [index] : []));
    expect(winners).toHaveLength(1);
    const losers = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(losers.map((loser) => resetCodeOf(loser.reason)).every((code) => code === 'TOKEN_USED')).toBe(true);
    expect(await server.users.verifyPassword(userId, `concurrent-pass-${winners[0]}`)).toBe(true);
  });

  it('a newer request kills the older secret', async () => {
    const { email } = await newUser();
    const first = await requestAndReadSecret(email);
    const second = await requestAndReadSecret(email);
    expect(second).not.toBe(first);
    await expectResetError(server.publicTrpc.passwordReset.complete.mutate({ token: first, password: NEW_PASSWORD }), 'TOKEN_SUPERSEDED');
    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: second, password: NEW_PASSWORD })).toEqual({ completed: true });
  });

  it('an unknown address gets the same answer and no mail', async () => {
    const { email } = await newUser();
    const raw = async (address: string) => {
      const response = await fetch(`${server.url}/trpc/passwordReset.request`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.client.accessToken}` },
        body: JSON.stringify({ email: address }),
      });
      return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
    };
    const before = (await server.mails()).length;
    const unknown = await raw('nobody-here@example.com');
    const known = await raw(email);
    expect(unknown).toEqual(known);
    const sent = (await server.mails()).slice(before);
    expect(sent.map((mail) => mail.to)).toEqual([email]);
  });

  it('a malformed or made-up secret is simply not valid', async () => {
    await expectResetError(server.publicTrpc.passwordReset.inspect.mutate({ token: 'not-a-secret' }), 'TOKEN_INVALID');
    await expectResetError(server.publicTrpc.passwordReset.inspect.mutate({ token: 'A'.repeat(43) }), 'TOKEN_INVALID');
  });

  it('stores no raw secret anywhere in Redis: every key and value scanned', async () => {
    const { email } = await newUser();
    const pending = await requestAndReadSecret(email);
    const { email: other } = await newUser();
    const used = await requestAndReadSecret(other);
    await server.publicTrpc.passwordReset.complete.mutate({ token: used, password: NEW_PASSWORD });

    let everything = '';
    for (const key of await everyKey(server.redis)) {
      everything += `${key}\n`;
      const type = await server.redis.type(key);
      if (type === 'string') everything += `${await server.redis.get(key)}\n`;
      else if (type === 'hash') everything += `${JSON.stringify(await server.redis.hgetall(key))}\n`;
      else if (type === 'list') everything += `${(await server.redis.lrange(key, 0, -1)).join('\n')}\n`;
      else if (type === 'set') everything += `${(await server.redis.smembers(key)).join('\n')}\n`;
      else if (type === 'zset') everything += `${(await server.redis.zrange(key, '0', '-1')).join('\n')}\n`;
      else if (type === 'stream') everything += `${JSON.stringify(await server.redis.xrange(key, '-', '+'))}\n`;
    }
    expect(everything).toContain(':reset:{');
    expect(everything).not.toContain(pending);
    expect(everything).not.toContain(used);
    expect(everything).not.toContain(NEW_PASSWORD);
  });

  it('puts a TTL on every reset secret key', async () => {
    const { email } = await newUser();
    await requestAndReadSecret(email);
    const keys = await everyKey(server.redis, '*:reset:{*}');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await server.redis.pttl(key)).toBeGreaterThan(0);
  });
});

describe('an expired secret', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RESET_TOKEN_TTL: '1s' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('is refused as expired once its lifetime has passed, and the password is unchanged', async () => {
    const created = await server.users.createUser({ email: 'late@example.com', password: OLD_PASSWORD });
    if (!created.created) throw new Error('user exists');
    await server.trpc.passwordReset.request.mutate({ email: 'late@example.com' });
    const [mail] = await server.mails();
    const secret = secretFromMail(mail!);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expectResetError(server.publicTrpc.passwordReset.inspect.mutate({ token: secret }), 'TOKEN_EXPIRED');
    await expectResetError(server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: NEW_PASSWORD }), 'TOKEN_EXPIRED');
    expect(await server.users.verifyPassword(created.userId, OLD_PASSWORD)).toBe(true);
  });
});
