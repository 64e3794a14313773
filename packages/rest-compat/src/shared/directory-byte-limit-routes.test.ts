import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestLegacyPasswordReset } from '@pwreset/contract/engine';
import {
  createInMemoryResetPorts,
  inMemoryUserDirectory,
  resetSecretFromMail,
  runQueuedJobs,
  temporaryPasswordFromMail,
} from '@pwreset/contract/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antelRoutes } from '../antel/antel-routes.js';
import type { LegacyDependencies } from '../legacy-dependencies.js';
import { teenquotesRoutes } from '../teenquotes/teenquotes-routes.js';
import { fakeResetClient } from './fake-reset-client.js';

// A bcrypt directory reads 72 bytes: the engine refuses longer passwords as TOO_LONG, and each legacy
// API that completes a reset says so in its own format, with the link or code still usable.

/** 36 two-byte characters and one more byte: 73 bytes of UTF-8 in 37 characters. */
const SEVENTY_THREE_BYTES = `${'é'.repeat(36)}a`;
const SEVENTY_TWO_BYTES = 'é'.repeat(36);
const EMAIL = 'jane@example.com';

const directory = inMemoryUserDirectory({ maxPasswordBytes: 72 });
const ports = createInMemoryResetPorts({ directories: { default: directory } });
const client = fakeResetClient('cl_bcrypt', ['teenquotes', 'antel']);
const deps: LegacyDependencies = {
  ports,
  clients: {
    findByApiKey: async (apiKey) => (apiKey === 'antel-key' ? client : null),
    findLegacyBinding: async () => null,
    authenticateSecret: async () => null,
  },
  accessTokens: {
    issue: () => Promise.reject(new Error('not in this test')),
    verify: async (token) => (token === 'tq-token' ? client : null),
  },
  engineOptions: { hideUnknownAccounts: false },
  requesterOf: () => ({ ip: '192.0.2.9' }),
  logError: () => {},
};

let server: Server;
let base: string;
let userId: string;

beforeAll(async () => {
  ports.clients.register(client);
  const added = await directory.addUser({ email: EMAIL, password: 'old passphrase 1' });
  if (!added.created) throw new Error('jane exists');
  userId = added.userId;
  const app = express();
  app.use(teenquotesRoutes(deps));
  app.use(antelRoutes(deps));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function mailed(delivery: 'link' | 'temporary-password'): Promise<string> {
  await requestLegacyPasswordReset(ports, client, { email: EMAIL, delivery }, { ip: '192.0.2.9' }, deps.engineOptions);
  await runQueuedJobs(ports, ports.jobs);
  const last = ports.mail.sentTo(EMAIL).at(-1);
  ports.jobs.clear();
  return delivery === 'link' ? resetSecretFromMail(last) : temporaryPasswordFromMail(last);
}

async function postJson(path: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('a bcrypt directory behind the legacy routes', () => {
  it('Teen Quotes: a 73-byte password is its wrong_password, the token still works, and 72 bytes reset it', async () => {
    const token = await mailed('link');
    const reset = (password: string) =>
      postJson('/v1/password/reset', { email: EMAIL, token, password }, { Authorization: 'Bearer tq-token' });
    expect(await reset(SEVENTY_THREE_BYTES)).toEqual({ status: 400, body: { status: 'wrong_password', error: 'The password is wrong.' } });
    expect(await directory.verifyPassword(userId, 'old passphrase 1')).toBe(true);
    expect((await ports.tokens.inspect(token)).status).toBe('active');
    expect((await reset(SEVENTY_TWO_BYTES)).body).toMatchObject({ status: 'password_reset' });
    expect(await directory.verifyPassword(userId, SEVENTY_TWO_BYTES)).toBe(true);
  });

  it('Antel: a 73-byte password is refused in its outcome, naming the 72 bytes, and the code still works', async () => {
    const code = await mailed('temporary-password');
    const reset = (password: string) =>
      postJson('/user/password/reset', {
        ApiKey: 'antel-key',
        TemporaryPassword: code,
        EmailAddress: EMAIL,
        Password: password,
        PasswordConfirm: password,
      });
    const refused = await reset(SEVENTY_THREE_BYTES);
    expect(refused).toMatchObject({ status: 200, body: { wasSuccessful: false } });
    expect(JSON.stringify(refused.body)).toContain('128 characters and 72 bytes long');
    expect(await directory.verifyPassword(userId, SEVENTY_THREE_BYTES)).toBe(false);
    expect((await reset('ü'.repeat(36))).body).toMatchObject({ wasSuccessful: true });
    expect(await directory.verifyPassword(userId, 'ü'.repeat(36))).toBe(true);
  });
});
