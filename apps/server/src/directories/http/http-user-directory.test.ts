import { createHmac } from 'node:crypto';
import { findFreePort } from '@pwreset/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmailMatchMode } from '../../config/user-directories/user-directories-schema.js';
import { DirectoryUnavailableError } from '../directory-unavailable-error.js';
import { startHttpDirectoryTestServer, type HttpDirectoryTestServer } from '../testing/http-directory-test-server.js';
import { testPasswordHasher } from '../testing/test-password-hasher.js';
import { describeServedUserDirectoryConformance, type DirectoryConformanceSubject } from '../testing/user-directory-conformance.js';
import { httpUserDirectory } from './http-user-directory.js';

// Beyond ASCII on purpose: the key is the secret's UTF-8 bytes, nothing derived.
const SECRET = 'the application’s directory secret — ünïcødé, 40+ chars';
const TIMEOUT_MS = 2000;

let server: HttpDirectoryTestServer;
let deadPort: number;
beforeAll(async () => {
  server = await startHttpDirectoryTestServer({ secret: SECRET });
  deadPort = await findFreePort();
});
afterAll(async () => {
  await server?.close();
});

function openDirectory(overrides: { url?: string; secret?: string; timeoutMs?: number } = {}, logger?: RecordingLogger) {
  return httpUserDirectory({
    name: 'app',
    settings: { url: server.url, secret: SECRET, timeoutMs: TIMEOUT_MS, ...overrides },
    ...(logger ? { logger } : {}),
  });
}

for (const emailMatch of ['case-insensitive', 'exact'] satisfies EmailMatchMode[]) {
  describeServedUserDirectoryConformance({
    label: `http, an application matching addresses ${emailMatch}`,
    rules: { emailMatch, passwordForm: 'as-given', writeToUnknownAccount: 'refused', passwordRead: 'apart' },
    writtenHashFormat: testPasswordHasher.format,
    async makeSubject(): Promise<DirectoryConformanceSubject> {
      await server.close();
      server = await startHttpDirectoryTestServer({ secret: SECRET, emailMatch });
      return {
        directory: openDirectory(),
        async addAccount({ password, ...account }) {
          return server.addAccount({ ...account, passwordHash: password === null ? null : await testPasswordHasher.hash(password) });
        },
        readStoredPasswordHash: async (userId) => server.accounts.get(userId)?.passwordHash ?? null,
        async writeStoredPasswordHash(userId, passwordHash) {
          const account = server.accounts.get(userId);
          if (!account) throw new Error(`no account ${userId}`);
          server.accounts.set(userId, { ...account, passwordHash });
        },
      };
    },
    faults: {
      unreachableDirectory: () => openDirectory({ url: `http://127.0.0.1:${deadPort}/pwreset-directory` }),
      async slowDirectory(timeoutMs) {
        const userId = server.addAccount({ email: 'slow@example.com', passwordHash: null });
        server.delayAnswers(5000);
        return { directory: openDirectory({ timeoutMs }), userId };
      },
      addAccountWithoutAddress: async () => server.addAccount({ email: null, passwordHash: null }),
    },
  });
}

interface RecordingLogger {
  readonly lines: string[];
  warn(object: unknown, message?: string): void;
}

function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return { lines, warn: (object, message) => lines.push(`${message ?? ''} ${JSON.stringify(object)}`) };
}

async function rejection(promise: Promise<unknown>): Promise<DirectoryUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DirectoryUnavailableError);
  return error as DirectoryUnavailableError;
}

describe('the HTTP user directory on the wire', () => {
  let jane: string;
  beforeEach(async () => {
    server.reset();
    jane = server.addAccount({ email: 'Jane@Example.com', name: 'Jane', passwordHash: await testPasswordHasher.hash('old password 1') });
  });

  it('POSTs JSON to <url>/<endpoint>, the address trimmed but otherwise as the caller gave it', async () => {
    const directory = openDirectory();
    await directory.findByEmail('  Jane@Example.com \n');
    await directory.findById(jane);
    await directory.verifyPassword(jane, 'old password 1');
    await directory.setPassword(jane, 'new password 2');
    expect(await directory.checkHealth()).toEqual({ status: 'ok' });
    expect(server.calls.map(({ endpoint, body, headers }) => ({ endpoint, body, contentType: headers['content-type'] }))).toEqual([
      { endpoint: 'find-by-email', body: '{"email":"Jane@Example.com"}', contentType: 'application/json' },
      { endpoint: 'find-by-id', body: `{"id":"${jane}"}`, contentType: 'application/json' },
      { endpoint: 'verify-password', body: `{"id":"${jane}","password":"old password 1"}`, contentType: 'application/json' },
      { endpoint: 'set-password', body: `{"id":"${jane}","password":"new password 2"}`, contentType: 'application/json' },
      { endpoint: 'health', body: '{}', contentType: 'application/json' },
    ]);
  });

  it('signs every call with the secret itself, as its UTF-8 bytes, over "<t>.<body>"', async () => {
    const directory = openDirectory();
    const before = Math.floor(Date.now() / 1000);
    await directory.findByEmail('jane@example.com');
    await directory.setPassword(jane, 'new password 2');
    await directory.checkHealth();
    expect(server.calls).toHaveLength(3);
    for (const { headers, body, verification } of server.calls) {
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['reset-signature']));
      expect(match).not.toBeNull();
      const [, timestamp, signature] = match ?? [];
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(timestamp)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
      const independent = createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(`${timestamp}.${body}`).digest('hex');
      expect(signature).toBe(independent);
      expect(verification).toMatchObject({ ok: true });
    }
  });

  it('is refused by an application holding another secret, and answers that as unavailable', async () => {
    const directory = openDirectory({ secret: 'another secret of at least thirty-two characters' });
    expect(await rejection(directory.findByEmail('jane@example.com'))).toMatchObject({ reason: 'unexpected-status', code: 'http-401' });
    expect(server.calls[0]?.verification).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('sends a fresh request id with every call, and logs it with a failure', async () => {
    const logger = recordingLogger();
    const directory = openDirectory({}, logger);
    await directory.findByEmail('jane@example.com');
    await directory.findByEmail('jane@example.com');
    server.script('find-by-id', { status: 500, body: '{}' });
    await rejection(directory.findById(jane));
    const ids = server.calls.map(({ headers }) => headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toContain(String(ids[2]));
    expect(logger.lines[0]).toContain('"endpoint":"find-by-id"');
  });

  it('refuses redirects: a 3xx is an error, and its target never sees the call', async () => {
    const directory = openDirectory();
    server.script('find-by-email', { status: 302, headers: { location: `${server.origin}/elsewhere/find-by-email` } });
    server.script('set-password', { status: 307, headers: { location: `${server.origin}/elsewhere/set-password` } });
    expect(await rejection(directory.findByEmail('jane@example.com'))).toMatchObject({ reason: 'unexpected-status', code: 'http-302' });
    expect(await rejection(directory.setPassword(jane, 'new password 2'))).toMatchObject({ reason: 'unexpected-status', code: 'http-307' });
    expect(server.calls.map(({ endpoint }) => endpoint)).toEqual(['find-by-email', 'set-password']);
  });

  it('reads a 404 on verify-password as "not supported": no match, so the REUSED check is skipped', async () => {
    server.script('verify-password', { status: 404 });
    expect(await openDirectory().verifyPassword(jane, 'old password 1')).toBe(false);
  });

  it('answers an answer outside the protocol as unavailable, never as "no account"', async () => {
    const directory = openDirectory();
    const cases: [Parameters<HttpDirectoryTestServer['script']>[1], string, string?][] = [
      [{ status: 200, body: 'not json' }, 'malformed-response'],
      [{ status: 200, body: '{}' }, 'malformed-response'],
      [{ status: 200, body: '[]' }, 'malformed-response'],
      [{ status: 200, body: '{"user":"jane"}' }, 'malformed-response'],
      [{ status: 200, body: '{"user":{"email":"jane@example.com"}}' }, 'malformed-account'],
      [{ status: 200, body: '{"user":{"id":"1"}}' }, 'malformed-account'],
      [{ status: 200, body: '{"user":{"id":"1","email":"  "}}' }, 'malformed-account'],
      [{ status: 200, body: '{"user":{"id":1,"email":"jane@example.com"}}' }, 'malformed-account'],
      [{ status: 200, body: `{"user":{"id":"${'9'.repeat(256)}","email":"jane@example.com"}}` }, 'malformed-account'],
      [{ status: 200, body: '{"user":{"id":"1","email":"jane@example.com","disabled":"no"}}' }, 'malformed-account'],
      [{ status: 200, body: `{"user":null,"padding":"${'x'.repeat(70_000)}"}` }, 'malformed-response', 'too-large'],
      [{ status: 404, body: '{"user":null}' }, 'unexpected-status', 'http-404'],
      [{ status: 500, body: '{"error":"boom"}' }, 'unexpected-status', 'http-500'],
      [{ status: 204 }, 'unexpected-status', 'http-204'],
    ];
    for (const [answer, reason, code] of cases) {
      server.script('find-by-email', answer);
      const error = await rejection(directory.findByEmail('jane@example.com'));
      expect({ reason: error.reason, ...(code ? { code: error.code } : {}) }, JSON.stringify(answer).slice(0, 80)).toEqual({
        reason,
        ...(code ? { code } : {}),
      });
    }
  });

  it('refuses an answer to find-by-id about another account than the one asked for', async () => {
    server.script('find-by-id', { status: 200, body: '{"user":{"id":"2","email":"other@example.com"}}' });
    expect(await rejection(openDirectory().findById(jane))).toMatchObject({ reason: 'malformed-account' });
  });

  it('ignores fields the protocol does not name, and reads null optional fields as absent', async () => {
    server.script('find-by-email', {
      status: 200,
      body: '{"user":{"id":"7","email":"jane@example.com","name":null,"locale":null,"role":"admin"},"extra":true}',
    });
    expect(await openDirectory().findByEmail('jane@example.com')).toStrictEqual({ id: '7', email: 'jane@example.com', disabled: false });
  });

  it('reads verify-password and set-password answers strictly', async () => {
    const directory = openDirectory();
    server.script('verify-password', { status: 200, body: '{"match":"yes"}' });
    expect(await rejection(directory.verifyPassword(jane, 'x'))).toMatchObject({ reason: 'malformed-response' });
    server.script('verify-password', { status: 500 });
    expect(await rejection(directory.verifyPassword(jane, 'x'))).toMatchObject({ reason: 'unexpected-status' });
    server.script('set-password', { status: 200, body: '{}' });
    await expect(directory.setPassword(jane, 'new password 2')).resolves.toBeUndefined();
    server.script('set-password', { status: 404 });
    expect(await rejection(directory.setPassword(jane, 'new password 2'))).toMatchObject({ reason: 'not-written' });
    server.script('set-password', { status: 503 });
    expect(await rejection(directory.setPassword(jane, 'new password 2'))).toMatchObject({
      reason: 'unexpected-status',
      code: 'http-503',
      outcomeUnknown: false,
    });
  });

  it('keeps the password out of every error and log line', async () => {
    const logger = recordingLogger();
    const directory = openDirectory({}, logger);
    server.script('set-password', { status: 500, body: '{"echo":"Secret-New-Password-9"}' });
    server.script('verify-password', { status: 200, body: '{"match":"Secret-Old-Password-8"}' });
    const errors = [
      await rejection(directory.setPassword(jane, 'Secret-New-Password-9')),
      await rejection(directory.verifyPassword(jane, 'Secret-Old-Password-8')),
      await rejection(openDirectory({ url: `http://127.0.0.1:${deadPort}/x` }, logger).setPassword(jane, 'Secret-New-Password-9')),
    ];
    const everything = [...errors.map((error) => `${error.message} ${error.stack} ${JSON.stringify(error)}`), ...logger.lines].join('\n');
    expect(logger.lines).toHaveLength(3);
    expect(everything).not.toMatch(/Secret-(Old|New)-Password|directory secret/);
  });

  it('probes readiness with a signed POST of {} to <url>/health', async () => {
    expect(await openDirectory().checkHealth()).toEqual({ status: 'ok' });
    expect(server.calls.at(-1)).toMatchObject({ endpoint: 'health', body: '{}', verification: { ok: true } });
    server.script('health', { status: 503 });
    expect(await openDirectory().checkHealth()).toEqual({ status: 'unavailable', reason: 'unexpected-status' });
    expect(await openDirectory({ secret: 'another secret of at least thirty-two characters' }).checkHealth()).toEqual({
      status: 'unavailable',
      reason: 'unexpected-status',
    });
    expect(await openDirectory({ url: `http://127.0.0.1:${deadPort}/x` }).checkHealth()).toEqual({
      status: 'unavailable',
      reason: 'unreachable',
    });
    server.delayAnswers(5000);
    const started = performance.now();
    expect(await openDirectory({ timeoutMs: 200 }).checkHealth()).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(200 + 1500);
  });

  it('answers a set-password slower than its timeout as a timeout: not written, though the application may still store it', async () => {
    server.delayAnswers(1000);
    const started = performance.now();
    expect(await rejection(openDirectory({ timeoutMs: 200 }).setPassword(jane, 'new password 2'))).toMatchObject({
      reason: 'timeout',
      outcomeUnknown: true,
    });
    expect(performance.now() - started).toBeLessThan(200 + 1500);
    // The late write lands: hence the README's rule that set-password must be idempotent.
    await expect
      .poll(async () => testPasswordHasher.verify('new password 2', server.accounts.get(jane)?.passwordHash ?? null), { timeout: 3000 })
      .toBe(true);
  });

  it('ends the calls in flight on close, and refuses later ones', async () => {
    const directory = openDirectory();
    server.delayAnswers(5000);
    const inFlight = directory.findByEmail('jane@example.com');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await directory.close();
    expect(await rejection(inFlight)).toMatchObject({ reason: 'unreachable', code: 'closed' });
    expect(await rejection(directory.findById(jane))).toMatchObject({ reason: 'unreachable', code: 'closed' });
    expect(await directory.checkHealth()).toEqual({ status: 'unavailable', reason: 'unreachable' });
  });
});
