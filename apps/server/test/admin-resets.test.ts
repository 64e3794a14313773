import { ADMIN_SCOPE } from '@pwreset/contract';
import type { AppRouter } from '@pwreset/contract/router';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../src/redis/redis-keys.js';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';
import { registerClient, secretFromMail, startTestServer, trpcClientFor } from './support/test-server.js';

// Admin-started resets (issue 16, point 2): the operator's CLI and admin.startReset, against the real
// server, its mail worker and a private Redis; the CLI is the built one, over the same Redis.

const NEW_PASSWORD = 'a-brand-new-passphrase';

function resetCodeOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.resetCode : undefined;
}

async function refusal(promise: Promise<unknown>): Promise<{ resetCode: string | undefined; httpStatus: number | undefined }> {
  const error = await promise.then(
    () => new Error('expected a refusal, but the call succeeded'),
    (caught: unknown) => caught,
  );
  const data = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : undefined;
  return { resetCode: resetCodeOf(error), httpStatus: data?.httpStatus };
}

const secretOfLink = (link: string): string => new URL(link).hash.replace(/^#token=/, '');

describe('admin-started resets', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let environment: Record<string, string>;
  let userCount = 0;
  const cli = (...args: string[]) => runToCompletion(BUILT_CLI, args, environment);

  async function newUser(): Promise<{ email: string; userId: string }> {
    userCount += 1;
    const email = `admin-user${userCount}@example.com`;
    const created = await server.users.createUser({ email, password: 'original-password-1', name: 'Jane' });
    if (!created.created) throw new Error('user exists');
    return { email, userId: created.userId };
  }

  /** A token from /oauth/token, asking for `scope` when given; returns the granted scope too. */
  async function tokenFor(client: { clientId: string; clientSecret: string }, scope?: string) {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        ...(scope === undefined ? {} : { scope }),
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; scope: string };
    return { trpc: trpcClientFor(server.url, body.access_token), scope: body.scope };
  }

  async function auditEntries(): Promise<Record<string, string>[]> {
    const stream = await server.redis.xrange(redisKeys(server.config.redisKeyPrefix).auditStream(), '-', '+');
    return stream.map(([, flat]) => {
      const entry: Record<string, string> = {};
      for (let index = 0; index + 1 < flat.length; index += 2) entry[flat[index]!] = flat[index + 1]!;
      return entry;
    });
  }

  /** Every value Redis holds, as text: to show that no secret (or link) was written anywhere. */
  async function everythingInRedis(): Promise<string> {
    const keys = await server.redis.keys('*');
    const dumps = await Promise.all(keys.map(async (key) => `${key} ${JSON.stringify(await server.redis.dump(key))}`));
    return `${dumps.join('\n')}\n${JSON.stringify(await auditEntries())}`;
  }

  beforeAll(async () => {
    server = await startTestServer();
    environment = { ...server.privateRedis.environment, NODE_ENV: 'test' };
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('from the CLI', () => {
    it('mails the link through the queue, with the lifetime asked for, and the link completes the reset', async () => {
      const { email, userId } = await newUser();
      const before = Date.now();
      const started = await cli('resets', 'start', '--client', server.client.clientId, '--email', email, '--ttl', '2h', '--json');
      expect(started.stderr).toBe('');
      expect(started.code).toBe(0);
      const answer = JSON.parse(started.stdout) as { expiresAt: string };
      expect(answer).toEqual({ deliver: 'mail', userId, directory: 'default', expiresAt: expect.any(String) });
      const expiresAt = Date.parse(answer.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 7_200_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7_200_000);

      const mails = (await server.mails()).filter((mail) => mail.to === email);
      expect(mails.map((mail) => mail.kind)).toEqual(['password-reset']);
      const token = secretFromMail(mails[0]!);
      expect(await server.publicTrpc.passwordReset.inspect.mutate({ token })).toMatchObject({ expiresAt: answer.expiresAt });
      expect(await server.publicTrpc.passwordReset.complete.mutate({ token, password: NEW_PASSWORD })).toEqual({ completed: true });
      expect(await server.users.verifyPassword(userId, NEW_PASSWORD)).toBe(true);
    });

    it('with --deliver return prints the link once, mails nothing, and audits it without the secret', async () => {
      const { email, userId } = await newUser();
      const started = await cli(
        'resets',
        'start',
        '--client',
        server.client.clientId,
        '--user-id',
        userId,
        '--deliver',
        'return',
        '--json',
      );
      expect(started.code).toBe(0);
      const answer = JSON.parse(started.stdout) as { link: string };
      expect(answer).toMatchObject({ deliver: 'return', userId, directory: 'default' });
      expect(answer.link).toMatch(/#token=[A-Za-z0-9_-]{43}$/);
      const token = secretOfLink(answer.link);

      expect((await server.mails()).filter((mail) => mail.to === email)).toEqual([]);
      const entry = (await auditEntries()).find((candidate) => candidate.action === 'admin-start' && candidate.userId === userId);
      expect(entry).toMatchObject({ outcome: 'link-returned', actor: 'cli', deliver: 'return', clientId: server.client.clientId });
      expect(await everythingInRedis()).not.toContain(token);

      expect(await server.publicTrpc.passwordReset.complete.mutate({ token, password: NEW_PASSWORD })).toEqual({ completed: true });
    });

    it('answers the real outcome: no such account; and refuses a lifetime longer than the client’s', async () => {
      const unknown = await cli('resets', 'start', '--client', server.client.clientId, '--email', 'nobody@example.com');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no such account');
      const { email } = await newUser();
      const tooLong = await cli('resets', 'start', '--client', server.client.clientId, '--email', email, '--ttl', '3d');
      expect(tooLong.code).toBe(2);
      expect(tooLong.stderr).toContain('--ttl: at most 1d');
      const both = await cli('resets', 'start', '--client', server.client.clientId, '--email', email, '--user-id', 'usr_1');
      expect(both.code).toBe(2);
      expect((await cli('resets', 'start', '--client', 'cl_nobody', '--email', email)).stderr).toContain('no active client');
    });

    it('lists a user’s outstanding links (never a secret or its hash) and revokes them', async () => {
      const { email, userId } = await newUser();
      expect(JSON.parse((await cli('resets', 'list', '--email', email, '--json')).stdout)).toEqual({
        directory: 'default',
        userId,
        links: [],
      });
      const started = await cli('resets', 'start', '--client', server.client.clientId, '--email', email, '--deliver', 'return', '--json');
      const token = secretOfLink((JSON.parse(started.stdout) as { link: string }).link);

      const listed = await cli('resets', 'list', '--email', email, '--json');
      expect(listed.code).toBe(0);
      const { links } = JSON.parse(listed.stdout) as { links: unknown[] };
      expect(links).toEqual([{ clientId: server.client.clientId, createdAt: expect.any(String), expiresAt: expect.any(String) }]);
      const human = await cli('resets', 'list', '--email', email);
      expect(human.stdout).toContain(`client ${server.client.clientId}`);
      // The index holds the secret's keyed hash; neither it nor the secret is shown.
      const index = redisKeys(server.config.redisKeyPrefix).userResetTokens({ directory: 'default', userId });
      const [tokenId = 'none'] = await server.redis.zrange(index, '0', '-1');
      expect(tokenId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const output of [listed.stdout, human.stdout]) {
        expect(output).not.toContain(token);
        expect(output).not.toContain(tokenId);
      }

      const revoked = await cli('resets', 'revoke', '--email', email, '--json');
      expect(revoked.code).toBe(0);
      expect(JSON.parse(revoked.stdout)).toEqual({ directory: 'default', userId, revoked: 1 });
      expect((JSON.parse((await cli('resets', 'list', '--user-id', userId, '--json')).stdout) as { links: unknown[] }).links).toEqual([]);
      expect(
        resetCodeOf(
          await server.publicTrpc.passwordReset.complete.mutate({ token, password: NEW_PASSWORD }).catch((error: unknown) => error),
        ),
      ).toBe('TOKEN_SUPERSEDED');
      expect((await auditEntries()).find((entry) => entry.action === 'admin-revoke' && entry.userId === userId)).toMatchObject({
        actor: 'cli',
        outcome: 'revoked',
      });
    });
  });

  describe('over tRPC (admin.startReset)', () => {
    it('refuses a token without the scope, even for a client allowed it', async () => {
      const { email } = await newUser();
      expect(await refusal(server.trpc.admin.startReset.mutate({ email }))).toEqual({ resetCode: 'FORBIDDEN', httpStatus: 403 });
      const allowed = await registerClient(server.composed, server.url, { name: 'Back Office', adminResets: 'start' });
      const unscoped = await tokenFor(allowed);
      expect(unscoped.scope).toBe('password-reset');
      expect(await refusal(unscoped.trpc.admin.startReset.mutate({ email }))).toEqual({ resetCode: 'FORBIDDEN', httpStatus: 403 });
      expect((await server.mails()).filter((mail) => mail.to === email)).toEqual([]);
      expect((await auditEntries()).filter((entry) => entry.actor === allowed.clientId)).toEqual([
        expect.objectContaining({ action: 'admin-start', outcome: 'refused', reason: 'FORBIDDEN' }),
      ]);
    });

    it('issues a token without the scope when it is asked for but not allowed, and ignores unknown scopes', async () => {
      const asked = await tokenFor(server.client, `${ADMIN_SCOPE} write`);
      expect(asked.scope).toBe('password-reset');
      const { email } = await newUser();
      expect(await refusal(asked.trpc.admin.startReset.mutate({ email }))).toMatchObject({ resetCode: 'FORBIDDEN' });
    });

    it('with the scope (clients update --allow-admin) mails the link, and refuses deliver return without --allow-admin-links', async () => {
      const backOffice = await registerClient(server.composed, server.url, { name: 'Support Desk' });
      const updated = await cli('clients', 'update', backOffice.clientId, '--allow-admin', '--json');
      expect(updated.code).toBe(0);
      expect(JSON.parse(updated.stdout)).toMatchObject({ allowAdmin: true, allowAdminLinks: false });
      const scoped = await tokenFor(backOffice, ADMIN_SCOPE);
      expect(scoped.scope).toBe(`password-reset ${ADMIN_SCOPE}`);

      const { email, userId } = await newUser();
      expect(await scoped.trpc.admin.startReset.mutate({ email, ttlSeconds: 3600 })).toEqual({
        deliver: 'mail',
        userId,
        directory: 'default',
        expiresAt: expect.any(String),
      });
      const mails = (await server.mails()).filter((mail) => mail.to === email);
      expect(mails).toHaveLength(1);
      expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secretFromMail(mails[0]!), password: NEW_PASSWORD })).toEqual({
        completed: true,
      });
      expect((await auditEntries()).find((entry) => entry.action === 'admin-start' && entry.userId === userId)).toMatchObject({
        actor: backOffice.clientId,
        deliver: 'mail',
        outcome: 'mail-queued',
      });

      expect(await refusal(scoped.trpc.admin.startReset.mutate({ userId, deliver: 'return' }))).toEqual({
        resetCode: 'FORBIDDEN',
        httpStatus: 403,
      });
      expect(await refusal(scoped.trpc.admin.startReset.mutate({ email: 'nobody@example.com' }))).toEqual({
        resetCode: 'ACCOUNT_NOT_FOUND',
        httpStatus: 404,
      });
      expect(await refusal(scoped.trpc.admin.startReset.mutate({ email, ttlSeconds: 3 * 86_400 }))).toMatchObject({
        resetCode: 'INVALID_INPUT',
      });

      // Withdrawn while the token lives: the token's scope no longer suffices.
      expect((await cli('clients', 'update', backOffice.clientId, '--deny-admin')).code).toBe(0);
      expect(await refusal(scoped.trpc.admin.startReset.mutate({ email }))).toMatchObject({ resetCode: 'FORBIDDEN' });
    });

    it('returns the link once to a client allowed --allow-admin-links, and the link works', async () => {
      const desk = await registerClient(server.composed, server.url, { name: 'Help Desk' });
      expect((await cli('clients', 'update', desk.clientId, '--allow-admin-links')).code).toBe(0);
      const scoped = await tokenFor(desk, ADMIN_SCOPE);
      const { email, userId } = await newUser();
      const answer = await scoped.trpc.admin.startReset.mutate({ email, deliver: 'return' });
      if (answer.deliver !== 'return') throw new Error('expected a returned link');
      const token = secretOfLink(answer.link);
      expect((await server.mails()).filter((mail) => mail.to === email)).toEqual([]);
      expect(await everythingInRedis()).not.toContain(token);
      expect((await auditEntries()).find((entry) => entry.action === 'admin-start' && entry.userId === userId)).toMatchObject({
        actor: desk.clientId,
        deliver: 'return',
        outcome: 'link-returned',
      });
      expect(await server.publicTrpc.passwordReset.complete.mutate({ token, password: NEW_PASSWORD })).toEqual({ completed: true });
    });
  });
});
