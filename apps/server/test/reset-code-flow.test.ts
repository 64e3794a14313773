import { TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@pwreset/contract/router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMail } from '../src/mail/outbox.js';
import { registerClient, startTestServer, trpcClientFor, type TestServer } from './support/test-server.js';

// Issue 16, point 3: codes for mail that scanners open, or read on another device. The real app on
// a real port over a real Redis, as an application calls it.

const OLD_PASSWORD = 'original-password-1';
const NEW_PASSWORD = 'a-brand-new-passphrase';

async function resetCodeOf(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => new Error('expected the call to fail, and it succeeded'),
    (caught: unknown) => caught,
  );
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.resetCode : String(error);
}

/** The 8 contiguous digits a code mail carries on a line of their own. */
function codeFromMail(mail: OutboxMail): string {
  const match = /^(\d{8})$/m.exec(mail.text);
  if (!match?.[1]) throw new Error(`no code in mail: ${mail.subject}`);
  return match[1];
}

const wrongCodeFor = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

describe('a code flow over tRPC, against a real Redis', () => {
  let server: TestServer;
  let userCount = 0;

  async function newUser(): Promise<{ email: string; userId: string }> {
    userCount += 1;
    const email = `coder${userCount}@example.com`;
    const created = await server.users.createUser({ email, password: OLD_PASSWORD, name: 'Jane' });
    if (!created.created) throw new Error('user exists');
    return { email, userId: created.userId };
  }

  /** `passwordReset.request` with method code over plain HTTP: the answer's exact bytes. */
  async function requestCodeRaw(email: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`${server.url}/trpc/passwordReset.request`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.client.accessToken}` },
      body: JSON.stringify({ email, method: 'code' }),
    });
    return { status: response.status, body: await response.text() };
  }

  async function requestCode(email: string): Promise<{ flowId: string; mails: OutboxMail[] }> {
    const before = (await server.mails()).length;
    const answer = await server.trpc.passwordReset.request.mutate({ email, method: 'code' });
    if (!('flowId' in answer)) throw new Error('no flow id');
    return { flowId: answer.flowId, mails: (await server.mails()).slice(before).filter((mail) => mail.to === email) };
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('mails 8 digits, no link; the flow id and the code set the new password, and the changed mail goes out', async () => {
    const { email, userId } = await newUser();
    const { flowId, mails } = await requestCode(email);
    expect(flowId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mails.map((mail) => mail.kind)).toEqual(['reset-code']);
    const [mail] = mails;
    const code = codeFromMail(mail!);
    expect(mail!.text).not.toMatch(/https?:\/\//);
    expect(mail!.html).not.toMatch(/href=/);
    expect(mail!.subject).not.toContain(code);

    expect(await server.trpc.passwordReset.complete.mutate({ flowId, code, password: NEW_PASSWORD })).toEqual({ completed: true });
    expect(await server.users.verifyPassword(userId, NEW_PASSWORD)).toBe(true);
    expect(await server.users.verifyPassword(userId, OLD_PASSWORD)).toBe(false);
    const changed = (await server.mails()).filter((sent) => sent.to === email && sent.kind === 'password-changed');
    expect(changed).toHaveLength(1);
    // The code died when used.
    expect(await resetCodeOf(server.trpc.passwordReset.complete.mutate({ flowId, code, password: 'yet another passphrase' }))).toBe(
      'FLOW_EXPIRED',
    );
  });

  it('locks a flow after 5 wrong codes: FLOW_LOCKED even with the right code after, and the password stays', async () => {
    const { email, userId } = await newUser();
    const { flowId, mails } = await requestCode(email);
    const code = codeFromMail(mails[0]!);
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      answers.push(
        await resetCodeOf(server.trpc.passwordReset.complete.mutate({ flowId, code: wrongCodeFor(code), password: NEW_PASSWORD })),
      );
    }
    expect(answers).toEqual(Array.from({ length: 5 }, () => 'CODE_INVALID'));
    expect(await resetCodeOf(server.trpc.passwordReset.complete.mutate({ flowId, code, password: NEW_PASSWORD }))).toBe('FLOW_LOCKED');
    expect(await server.users.verifyPassword(userId, OLD_PASSWORD)).toBe(true);
  });

  it('answers an unknown address with the same shape and byte size, and its flow fails CODE_INVALID then FLOW_LOCKED exactly as a real one', async () => {
    const { email } = await newUser();
    const known = await requestCodeRaw(email);
    const unknown = await requestCodeRaw('nobody-here@example.com');
    expect(unknown.status).toBe(known.status);
    expect(Buffer.byteLength(unknown.body)).toBe(Buffer.byteLength(known.body));
    const shapeOf = (body: string) => JSON.stringify(JSON.parse(body), (_key, value: unknown) => (typeof value === 'string' ? 'S' : value));
    expect(shapeOf(unknown.body)).toBe(shapeOf(known.body));
    const flowIdOf = (body: string) => (JSON.parse(body) as { result: { data: { flowId: string } } }).result.data.flowId;
    const answersFor = async (flowId: string) => {
      const answers = [];
      for (let attempt = 0; attempt < 7; attempt += 1) {
        answers.push(await resetCodeOf(server.trpc.passwordReset.complete.mutate({ flowId, code: '12345678', password: NEW_PASSWORD })));
      }
      return answers;
    };
    const expected = ['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'FLOW_LOCKED', 'FLOW_LOCKED'];
    const mailed = (await server.mails()).filter((mail) => mail.to === email && mail.kind === 'reset-code').at(-1);
    // The known address's real code is not 12345678 (one chance in 10^8): its wrong codes then run as the unknown's.
    if (mailed && codeFromMail(mailed) !== '12345678') expect(await answersFor(flowIdOf(known.body))).toEqual(expected);
    expect(await answersFor(flowIdOf(unknown.body))).toEqual(expected);
    expect((await server.mails()).filter((mail) => mail.to === 'nobody-here@example.com')).toEqual([]);
  });

  it('refuses a flow id of another client, and an anonymous completion, without counting either against the flow', async () => {
    const { email } = await newUser();
    const { flowId, mails } = await requestCode(email);
    const code = codeFromMail(mails[0]!);
    const other = await registerClient(server.composed, server.url, { name: 'Other App' });
    const otherTrpc = trpcClientFor(server.url, other.accessToken);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(await resetCodeOf(otherTrpc.passwordReset.complete.mutate({ flowId, code, password: NEW_PASSWORD }))).toBe('FLOW_EXPIRED');
    }
    expect(await resetCodeOf(server.publicTrpc.passwordReset.complete.mutate({ flowId, code, password: NEW_PASSWORD }))).toBe(
      'UNAUTHORIZED',
    );
    expect(await server.trpc.passwordReset.complete.mutate({ flowId, code, password: NEW_PASSWORD })).toEqual({ completed: true });
  });

  it('lets a newer request supersede the older flow', async () => {
    const { email } = await newUser();
    const older = await requestCode(email);
    const newer = await requestCode(email);
    const olderCode = codeFromMail(older.mails[0]!);
    expect(
      await resetCodeOf(server.trpc.passwordReset.complete.mutate({ flowId: older.flowId, code: olderCode, password: NEW_PASSWORD })),
    ).toBe('FLOW_EXPIRED');
    const newerCode = codeFromMail(newer.mails[0]!);
    expect(await server.trpc.passwordReset.complete.mutate({ flowId: newer.flowId, code: newerCode, password: NEW_PASSWORD })).toEqual({
      completed: true,
    });
  });
});

describe('a code flow at RESET_CODE_TTL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RESET_CODE_TTL: '2' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('ends: FLOW_EXPIRED, even with the right code', async () => {
    const created = await server.users.createUser({ email: 'late@example.com', password: OLD_PASSWORD });
    if (!created.created) throw new Error('user exists');
    const answer = await server.trpc.passwordReset.request.mutate({ email: 'late@example.com', method: 'code' });
    const flowId = 'flowId' in answer ? answer.flowId : '';
    const mail = (await server.mails()).find((sent) => sent.kind === 'reset-code');
    const code = codeFromMail(mail!);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await resetCodeOf(server.trpc.passwordReset.complete.mutate({ flowId, code, password: NEW_PASSWORD }))).toBe('FLOW_EXPIRED');
    expect(await server.users.verifyPassword(created.userId, OLD_PASSWORD)).toBe(true);
  });
});
