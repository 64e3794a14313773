import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporaryMysqlDatabase, type TemporarySqlDatabase } from '../../../src/directories/testing/temporary-sql-databases.js';
import { LARAVEL_USERS_TABLE } from '../../../src/directories/testing/sql-table-shapes.js';
import type { LegacyDeployment } from '../support/legacy-deployment.js';
import { laravelAcceptsPassword, laravelHash } from '../support/sql-stores-password-checks.js';
import { startLegacyDeploymentOverDirectories, type AddedClient, type DeploymentOverDirectories } from '../support/sql-stores.js';
import {
  accessTokenFor,
  call,
  mailIds,
  nextResetMail,
  PASSWORD_RESET,
  REMINDER_SENT,
  tokenFromMail,
  WRONG_PASSWORD,
  WRONG_USER,
} from './teenquotes-support.js';

/** The README's recipe, "Teen Quotes over MySQL or MariaDB". */
const TEEN_QUOTES_DIRECTORY = {
  kind: 'mysql',
  url: { env: 'TQ_DATABASE_URL' },
  table: 'users',
  columns: { id: 'id', email: 'email', password: 'password', name: 'login' },
  // Laravel's `User::where('email', …)` compares with the column's collation, and Laravel's (and
  // MySQL's) default utf8mb4_unicode_ci ignores case: the application itself finds `Ann@X` as `ann@x`.
  emailMatch: 'case-insensitive',
  passwordHash: 'bcrypt',
  bcryptPrefix: '2y',
  // What Laravel's own reset does: a new remember-me token (here: none, so every "remember me" session ends) and the timestamp.
  onPasswordChange: { remember_token: null, updated_at: 'now()' },
};

const LONG_AGO = '2015-03-01 12:00:00';

describe('Teen Quotes over its own MariaDB users table', () => {
  let database: TemporarySqlDatabase;
  let started: DeploymentOverDirectories;
  let deployment: LegacyDeployment;
  let credentials: AddedClient;
  let users = 0;

  const rowOf = async (email: string) => (await database.execute('SELECT * FROM users WHERE email = ?', [email]))[0];

  /** A Laravel user as `Hash::make` and the framework's timestamps left it, with a remember-me token. */
  async function newUser(password = 'first password of mine'): Promise<{ email: string; password: string }> {
    users += 1;
    const email = `teen${users}@quotes.example`;
    await database.execute('INSERT INTO users (login, email, password, remember_token, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
      `teen${users}`,
      email,
      await laravelHash(password),
      `remember-me-${users}`,
      LONG_AGO,
      LONG_AGO,
    ]);
    return { email, password };
  }

  beforeAll(async () => {
    database = await createTemporaryMysqlDatabase();
    await database.execute(LARAVEL_USERS_TABLE.mysql);
    started = await startLegacyDeploymentOverDirectories({ teenquotes: TEEN_QUOTES_DIRECTORY }, { TQ_DATABASE_URL: database.url });
    deployment = started.deployment;
    // The README's command.
    credentials = await started.addClientWithCli(['--name', 'Teen Quotes', '--legacy', 'teenquotes', '--directory', 'teenquotes']);
  });
  afterAll(async () => {
    await started?.close();
    await database?.drop();
  });

  const authorized = (path: '/v1/password/remind' | '/v1/password/reset', accessToken: string, parameters: Record<string, string>) =>
    call(deployment, path, parameters, 'form', { authorization: `Bearer ${accessToken}` });

  async function remindAndReadToken(accessToken: string, asked: string, mailedTo: string): Promise<string> {
    const seen = await mailIds(deployment);
    const reminded = await authorized('/v1/password/remind', accessToken, { email: asked });
    expect([reminded.status, reminded.json]).toEqual([200, REMINDER_SENT]);
    return tokenFromMail(await nextResetMail(deployment, mailedTo, seen));
  }

  it('resets: the row then holds a $2y$10$ hash Laravel accepts for the new password only, no remember token, a new updated_at', async () => {
    const user = await newUser();
    const neighbour = await newUser('the neighbour’s password');
    const [before, neighbourBefore] = [await rowOf(user.email), await rowOf(neighbour.email)];
    const accessToken = await accessTokenFor(deployment, credentials);
    const resetToken = await remindAndReadToken(accessToken, user.email, user.email);

    // The current password, read from Laravel's $2y$ hash, is refused (and the token survives it).
    const reused = await authorized('/v1/password/reset', accessToken, { email: user.email, token: resetToken, password: user.password });
    expect([reused.status, reused.json]).toEqual([400, WRONG_PASSWORD]);

    const newPassword = 'a new password of mine';
    const reset = await authorized('/v1/password/reset', accessToken, { email: user.email, token: resetToken, password: newPassword });
    expect([reset.status, reset.json]).toEqual([200, PASSWORD_RESET]);
    await deployment.waitForMail((mail) => mail.kind === 'password-changed' && mail.to === user.email);

    const row = await rowOf(user.email);
    expect(String(row?.password)).toMatch(/^\$2y\$10\$[./A-Za-z0-9]{53}$/);
    expect(await laravelAcceptsPassword(newPassword, String(row?.password))).toBe(true);
    expect(await laravelAcceptsPassword(user.password, String(row?.password))).toBe(false);
    expect(row?.remember_token).toBeNull();
    // Years later than the row's own: set by the database's now() in the same UPDATE.
    expect(row?.updated_at).toBeInstanceOf(Date);
    expect((row?.updated_at as Date).getFullYear()).toBeGreaterThan((before?.updated_at as Date).getFullYear());
    expect(await rowOf(neighbour.email)).toEqual(neighbourBefore);
  });

  // The directory declares bcrypt's 72 bytes (maxPasswordBytes) and the engine narrows the policy by it,
  // so the hasher's own guard is never reached.
  it('refuses a password over bcrypt’s 72 bytes as wrong_password, never cuts it, and the token survives', async () => {
    const user = await newUser();
    const accessToken = await accessTokenFor(deployment, credentials);
    const resetToken = await remindAndReadToken(accessToken, user.email, user.email);
    const seventyThreeBytes = 'a long passphrase that bcrypt would cut short after byte 72 if allowed!!!';
    expect(Buffer.byteLength(seventyThreeBytes)).toBe(73);
    // The hosted page is told the limit of the link's directory; the README's `passwordReset.policy`, knowing none, is not.
    const inspected = await fetch(`${deployment.url}/trpc/passwordReset.inspect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: resetToken }),
    });
    expect(await inspected.json()).toMatchObject({ result: { data: { policy: { maxLength: 128, maxBytes: 72 } } } });
    const described = await (await fetch(`${deployment.url}/trpc/passwordReset.policy`)).json();
    expect(described).toMatchObject({ result: { data: { maxLength: 128 } } });
    expect(described).not.toHaveProperty('result.data.maxBytes');
    const reset = (password: string) => authorized('/v1/password/reset', accessToken, { email: user.email, token: resetToken, password });
    const tooLong = await reset(seventyThreeBytes);
    expect([tooLong.status, tooLong.json]).toEqual([400, WRONG_PASSWORD]);
    expect(await laravelAcceptsPassword(user.password, String((await rowOf(user.email))?.password))).toBe(true);
    const seventyTwoBytes = seventyThreeBytes.slice(0, -1);
    expect((await reset(seventyTwoBytes)).json).toEqual(PASSWORD_RESET);
    expect(await laravelAcceptsPassword(seventyTwoBytes, String((await rowOf(user.email))?.password))).toBe(true);
  });

  it('finds the account whatever the case of the address, as Laravel on MySQL does, and answers wrong_user for an unknown one', async () => {
    const user = await newUser();
    const accessToken = await accessTokenFor(deployment, credentials);
    const shouted = user.email.toUpperCase();
    const resetToken = await remindAndReadToken(accessToken, shouted, user.email);
    const reset = await authorized('/v1/password/reset', accessToken, {
      email: shouted,
      token: resetToken,
      password: 'shouted new password',
    });
    expect([reset.status, reset.json]).toEqual([200, PASSWORD_RESET]);
    expect(await laravelAcceptsPassword('shouted new password', String((await rowOf(user.email))?.password))).toBe(true);

    const unknown = await authorized('/v1/password/remind', accessToken, { email: 'ghost@quotes.example' });
    expect([unknown.status, unknown.json]).toEqual([400, WRONG_USER]);
  });
});
