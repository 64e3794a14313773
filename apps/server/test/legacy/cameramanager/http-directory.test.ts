import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMail } from '../../../src/mail/outbox.js';
import {
  endpointFailures,
  startDirectoryApplication,
  startHttpStoreDeployment,
  type DirectoryApplication,
  type HttpStoreDeployment,
} from '../support/http-store.js';
import { antelPasswordScheme, cameramanagerPasswordScheme } from '../support/http-store-password-schemes.js';
import type { LegacyDeployment } from '../support/legacy-deployment.js';
import { accessTokenFor, documentedExample, documentedHeaderExample, requestPasswordReset } from './cameramanager-client.js';

// The README's recipe "Cameramanager over an HTTP directory": the application keeps its users and
// its own scrypt hashes, and serves the directory protocol; the service resets through it.
const DIRECTORY_TIMEOUT_MS = 1000;
const OLD_PASSWORD = 'the old password 1 zoom';

function secretOf(mail: OutboxMail): string {
  const secret = /\/reset#token=([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!secret) throw new Error(`no reset link in mail: ${mail.subject}`);
  return secret;
}

describe('Cameramanager over an HTTP directory (the application’s own users and hashes)', () => {
  let cameras: DirectoryApplication;
  let antelUsers: DirectoryApplication;
  let store: HttpStoreDeployment;
  let deployment: LegacyDeployment;
  let token: string;
  let users = 0;

  beforeAll(async () => {
    cameras = await startDirectoryApplication('cameras', cameramanagerPasswordScheme);
    antelUsers = await startDirectoryApplication('antel-users', antelPasswordScheme);
    store = await startHttpStoreDeployment([cameras, antelUsers], { timeout: `${DIRECTORY_TIMEOUT_MS}ms` });
    deployment = store.deployment;
    // The README's command, with the built CLI.
    const camera = await store.addClientWithCli([
      '--name',
      'Camera app',
      '--legacy',
      'cameramanager',
      '--directory',
      'cameras',
      '--ttl',
      '2d',
    ]);
    token = await accessTokenFor(deployment, camera);
  });
  afterAll(async () => {
    await store?.close();
    await cameras?.server.close();
    await antelUsers?.server.close();
  });
  beforeEach(() => {
    cameras.server.unscript('set-password');
    cameras.server.unscript('find-by-email');
  });

  async function newCameraUser(label: string) {
    users += 1;
    const email = `camera-${label}-${users}@example.com`;
    return { email, id: await cameras.addUser(email, OLD_PASSWORD) };
  }

  /** The reset link's secret, from the mail sent for a request that was answered 204. */
  async function requestAndReadSecret(email: string): Promise<string> {
    const requested = await requestPasswordReset(deployment, token, { email });
    expect([requested.status, requested.body]).toEqual([204, '']);
    return secretOf(await deployment.waitForMail((mail) => mail.to === email && mail.kind === 'password-reset'));
  }

  /** What the hosted reset page sends. */
  const complete = (secret: string, password: string) =>
    fetch(`${deployment.url}/trpc/passwordReset.complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: secret, password }),
    });

  const changedMailsTo = async (email: string) =>
    (await deployment.mails()).filter((mail) => mail.to === email && mail.kind === 'password-changed');

  async function expectUnavailable(response: Response) {
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { data: { resetCode: string } } };
    expect(body.error.data.resetCode).toBe('SERVICE_UNAVAILABLE');
  }

  it('resets the password in the application: token → request → mail → hosted page → changed mail, new password in its own format', async () => {
    const user = await newCameraUser('journey');
    const secret = await requestAndReadSecret(user.email);

    const completed = await complete(secret, 'a fresh passphrase 42 zoom');
    expect(completed.status, await completed.text()).toBe(200);
    const changed = await deployment.waitForMail((mail) => mail.to === user.email && mail.kind === 'password-changed');
    expect(changed.text).not.toContain(secret);

    // The application's own check, on what its table now holds (its scrypt format, written by the application).
    expect(cameras.server.accounts.get(user.id)?.passwordHash).toMatch(/^\$scrypt\$ln=/);
    expect(await cameras.checkPassword(user.id, 'a fresh passphrase 42 zoom')).toBe(true);
    expect(await cameras.checkPassword(user.id, OLD_PASSWORD)).toBe(false);
    // Every call reached the application signed with the directory's secret, and the write went through set-password.
    const calls = cameras.server.calls.filter((call) => call.body.includes(`"${user.id}"`) || call.body.includes(user.email));
    expect(calls.map((call) => call.verification.ok)).not.toContain(false);
    expect(calls.filter((call) => call.endpoint === 'set-password')).toHaveLength(1);

    // Single use: the same link again changes nothing.
    expect((await complete(secret, 'yet another passphrase zoom')).status).toBe(400);
    expect(await cameras.checkPassword(user.id, 'a fresh passphrase 42 zoom')).toBe(true);
  });

  for (const failure of endpointFailures(() => cameras, 'set-password', DIRECTORY_TIMEOUT_MS)) {
    it(`completes nothing while the application ${failure.title} (503, no changed mail), then the same link completes`, async () => {
      const user = await newCameraUser('outage');
      const secret = await requestAndReadSecret(user.email);

      failure.script();
      const startedAt = Date.now();
      await expectUnavailable(await complete(secret, 'the passphrase once mended 7'));
      expect(Date.now() - startedAt).toBeLessThan(DIRECTORY_TIMEOUT_MS * 4);
      expect(cameras.server.calls.some((call) => call.endpoint === 'set-password' && call.body.includes(`"${user.id}"`))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await changedMailsTo(user.email)).toEqual([]);
      expect(await cameras.checkPassword(user.id, OLD_PASSWORD)).toBe(true);

      // The application recovers: the same link completes, once.
      cameras.server.unscript('set-password');
      expect((await complete(secret, 'the passphrase once mended 7')).status).toBe(200);
      await deployment.waitForMail((mail) => mail.to === user.email && mail.kind === 'password-changed');
      expect(await cameras.checkPassword(user.id, 'the passphrase once mended 7')).toBe(true);
      expect(await cameras.checkPassword(user.id, OLD_PASSWORD)).toBe(false);
      expect(await changedMailsTo(user.email)).toHaveLength(1);
    });
  }

  it('counts a write that lands after the timeout as not written (503, no changed mail), then completes its retry with the same password', async () => {
    const user = await newCameraUser('late');
    const secret = await requestAndReadSecret(user.email);
    let landed!: () => void;
    const writeLanded = new Promise<void>((resolve) => (landed = resolve));
    cameras.server.script('set-password', async (_call, protocol) => {
      await new Promise((resolve) => setTimeout(resolve, DIRECTORY_TIMEOUT_MS * 2));
      const written = await protocol();
      landed();
      return written;
    });

    await expectUnavailable(await complete(secret, 'the passphrase stored twice 7'));
    await writeLanded;
    // The application did store it, but the service could not know: nothing is completed on its side.
    expect(await cameras.checkPassword(user.id, 'the passphrase stored twice 7')).toBe(true);
    expect(await changedMailsTo(user.email)).toEqual([]);
    cameras.server.unscript('set-password');

    // The same password again is now the application's current one, yet the write timed out: the
    // retry is not refused as REUSED, set-password repeats the write (idempotent) and the reset completes.
    const repeated = await complete(secret, 'the passphrase stored twice 7');
    expect(repeated.status, await repeated.text()).toBe(200);
    await deployment.waitForMail((mail) => mail.to === user.email && mail.kind === 'password-changed');
    expect(await cameras.checkPassword(user.id, 'the passphrase stored twice 7')).toBe(true);
    expect(await cameras.checkPassword(user.id, OLD_PASSWORD)).toBe(false);
    const writes = cameras.server.calls.filter((call) => call.endpoint === 'set-password' && call.body.includes(`"${user.id}"`));
    expect(writes).toHaveLength(2);
    // The link is used now, and the changed mail went out once.
    expect((await complete(secret, 'another passphrase entirely 8')).status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await changedMailsTo(user.email)).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent completions with one link reach set-password', async () => {
    const user = await newCameraUser('race');
    const secret = await requestAndReadSecret(user.email);

    const statuses = await Promise.all(
      Array.from({ length: 20 }, async (_, index) => (await complete(secret, `the racing passphrase ${index} zoom`)).status),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    const writes = cameras.server.calls.filter((call) => call.endpoint === 'set-password' && call.body.includes(`"${user.id}"`));
    expect(writes).toHaveLength(1);
    const winner = statuses.indexOf(200);
    expect(await cameras.checkPassword(user.id, `the racing passphrase ${winner} zoom`)).toBe(true);
    await deployment.waitForMail((mail) => mail.to === user.email && mail.kind === 'password-changed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await changedMailsTo(user.email)).toHaveLength(1);
  });

  for (const failure of endpointFailures(() => cameras, 'find-by-email', DIRECTORY_TIMEOUT_MS)) {
    it(`answers the request 503 in Cameramanager’s Error envelope when the application ${failure.title}, and mails nothing`, async () => {
      const user = await newCameraUser('lookup-outage');
      failure.script();
      const answer = await requestPasswordReset(deployment, token, { email: user.email });
      expect([answer.status, answer.json]).toEqual([503, documentedExample({ response: 'serviceUnavailable' }, 'serviceUnavailable')]);
      expect(answer.headers.get('retry-after')).toBe(String(documentedHeaderExample('Retry-After')));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await deployment.mails()).filter((mail) => mail.to === user.email)).toEqual([]);
    });
  }

  it('does not reach the users of another directory: an address only the Antel application has is unknown here, and gets no mail', async () => {
    const email = `antel-only-${Date.now().toString(36)}@example.com`;
    await antelUsers.addUser(email, 'an antel password 1');

    const answer = await requestPasswordReset(deployment, token, { email });
    // Cameramanager's answer for an unknown account, as the document gives it.
    expect([answer.status, answer.json]).toEqual([404, documentedExample({ response: 'resourceNotFound' }, 'unknownAccount')]);
    // Only the client's own directory was asked.
    expect(cameras.server.calls.some((call) => call.endpoint === 'find-by-email' && call.body.includes(email))).toBe(true);
    expect(antelUsers.server.calls.filter((call) => call.body.includes(email))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await deployment.mails()).filter((mail) => mail.to === email)).toEqual([]);
  });
});
