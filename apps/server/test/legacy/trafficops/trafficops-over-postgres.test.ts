import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { z } from 'zod';
import {
  createTemporaryPostgresDatabase,
  TEST_POSTGRES_SERVER,
  type TemporarySqlDatabase,
} from '../../../src/directories/testing/temporary-sql-databases.js';
import { TM_USER_TABLE } from '../../../src/directories/testing/sql-table-shapes.js';
import { secretFromMail } from '../../support/test-server.js';
import type { LegacyDeployment } from '../support/legacy-deployment.js';
import { trafficOpsAcceptsPassword } from '../support/sql-stores-password-checks.js';
import { startLegacyDeploymentOverDirectories, type DeploymentOverDirectories } from '../support/sql-stores.js';
import { alerts, postResetPassword, successFor } from './trafficops-support.js';

/** Hashes Traffic Ops itself wrote (Go, golang.org/x/crypto/scrypt), with their passwords. */
const GO_WRITTEN = z
  .object({ writtenByGo: z.array(z.object({ password: z.string(), hash: z.string(), wrongPassword: z.string() })) })
  .parse(JSON.parse(readFileSync(new URL('../../fixtures/trafficops-scrypt/vectors.json', import.meta.url), 'utf8'))).writtenByGo;

const OPERATOR = { email: 'operator@example.com', vector: GO_WRITTEN[1]! };
const NEIGHBOUR = { email: 'neighbour@example.com', vector: GO_WRITTEN[0]! };
const BLOCKED = { email: 'blocked@example.com', vector: GO_WRITTEN[2]! };
/** An LDAP user: Traffic Ops keeps no local password for them. */
const LDAP_USER = { email: 'ldap@example.com' };

/** Traffic Ops' `role` table, with the seeded roles; `disallowed` is the one its login refuses (`CheckLocalUserIsAllowed`). */
const ROLE_TABLE = `CREATE TABLE role (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, description text, priv_level bigint NOT NULL)`;

/** The README's recipe, "Traffic Ops over PostgreSQL", with the id of this database's `disallowed` role. */
function trafficOpsDirectory(disallowedRoleId: number) {
  return {
    kind: 'postgres',
    url: { env: 'TO_DATABASE_URL' },
    table: 'tm_user',
    columns: { id: 'id', email: 'email', password: 'local_passwd', name: 'full_name' },
    // Traffic Ops' login refuses the role named `disallowed`; its id is the installation's own.
    disabledWhen: { column: 'role', equals: disallowedRoleId },
    // traffic_ops_golang looks the address up with `WHERE email = $1` on a text column (and
    // `tm_user.email` is UNIQUE case-sensitively, so `Ann@x` and `ann@x` may both exist): exact.
    emailMatch: 'exact',
    passwordHash: 'trafficops-scrypt',
    // Traffic Ops keeps its own pending reset token here; a changed password spends it.
    onPasswordChange: { token: null },
  };
}

describe('Traffic Ops over its own PostgreSQL tm_user', () => {
  let database: TemporarySqlDatabase;
  let started: DeploymentOverDirectories;
  let deployment: LegacyDeployment;

  const rowOf = async (email: string) => (await database.execute('SELECT * FROM tm_user WHERE email = ?', [email]))[0];

  beforeAll(async () => {
    database = await createTemporaryPostgresDatabase();
    await database.execute(ROLE_TABLE);
    await database.execute(TM_USER_TABLE.postgres);
    const roles = await database.execute(
      `INSERT INTO role (name, description, priv_level) VALUES ('admin', 'super-user', 30), ('operations', 'ops', 20),
         ('read-only', 'read-only', 10), ('disallowed', 'Block all access', 0) RETURNING id, name`,
    );
    const roleId = (name: string) => Number(roles.find((role) => role.name === name)?.id);
    const insert = 'INSERT INTO tm_user (username, email, local_passwd, role, token, full_name) VALUES (?, ?, ?, ?, ?, ?)';
    await database.execute(insert, [
      'operator',
      OPERATOR.email,
      OPERATOR.vector.hash,
      roleId('admin'),
      'portal-token-1',
      'Operator Person',
    ]);
    await database.execute(insert, [
      'neighbour',
      NEIGHBOUR.email,
      NEIGHBOUR.vector.hash,
      roleId('operations'),
      'portal-token-2',
      'Next Door',
    ]);
    await database.execute(insert, ['blocked', BLOCKED.email, BLOCKED.vector.hash, roleId('disallowed'), null, 'Blocked Person']);
    await database.execute(insert, ['ldap', LDAP_USER.email, null, roleId('read-only'), null, 'Directory Person']);

    started = await startLegacyDeploymentOverDirectories(
      { trafficops: trafficOpsDirectory(roleId('disallowed')) },
      { TO_DATABASE_URL: database.url },
    );
    deployment = started.deployment;
    // The README's command.
    await started.addClientWithCli(['--name', 'Traffic Ops', '--legacy', 'trafficops', '--directory', 'trafficops']);
  });
  afterAll(async () => {
    await started?.close();
    await database?.drop();
  });

  async function completeOnHostedPage(token: string, password: string) {
    const response = await fetch(`${deployment.url}/trpc/passwordReset.complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** The `count`-th mail of this kind to `email`, once it has arrived (bounded wait). */
  async function nthMail(email: string, kind: string, count: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mails = (await deployment.mails()).filter((mail) => mail.to === email && mail.kind === kind);
      if (mails.length >= count) return mails[count - 1]!;
      if (Date.now() > deadline) throw new Error(`mail ${count} of kind ${kind} did not arrive`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const completed = { status: 200, body: { result: { data: { completed: true } } } };

  it('checks rows with a verifier that agrees with Go on every hash Traffic Ops wrote', async () => {
    for (const vector of GO_WRITTEN) {
      expect(await trafficOpsAcceptsPassword(vector.password, vector.hash)).toBe(true);
      expect(await trafficOpsAcceptsPassword(vector.wrongPassword, vector.hash)).toBe(false);
    }
  });

  async function resetThrough(path: string, body: string, oldPassword: string, newPassword: string, round: number) {
    const neighbourBefore = await rowOf(NEIGHBOUR.email);
    const answer = await postResetPassword(deployment.url, body, { path });
    expect([answer.status, answer.json]).toEqual([200, successFor(OPERATOR.email)]);
    const secret = secretFromMail(await nthMail(OPERATOR.email, 'password-reset', round));

    // The current password, read from the row Traffic Ops (or the previous round) wrote, is refused.
    const reused = await completeOnHostedPage(secret, oldPassword);
    expect([reused.status, JSON.stringify(reused.body)]).toEqual([422, expect.stringContaining('"REUSED"')]);

    expect(await completeOnHostedPage(secret, newPassword)).toEqual(completed);
    await nthMail(OPERATOR.email, 'password-changed', round);

    const row = await rowOf(OPERATOR.email);
    expect(row?.local_passwd).toMatch(/^SCRYPT:16384:8:1:[A-Za-z0-9+/]{86}==:[A-Za-z0-9+/]{86}==$/);
    expect(await trafficOpsAcceptsPassword(newPassword, String(row?.local_passwd))).toBe(true);
    expect(await trafficOpsAcceptsPassword(oldPassword, String(row?.local_passwd))).toBe(false);
    expect(row?.token).toBeNull();
    expect(await rowOf(NEIGHBOUR.email)).toEqual(neighbourBefore);
    // The link is single use.
    expect((await completeOnHostedPage(secret, 'yet-another-password-9')).status).toBeGreaterThanOrEqual(400);
  }

  it('resets through /api/5.0: the row then holds a SCRYPT hash Traffic Ops accepts for the new password only, and no token', async () => {
    await resetThrough(
      '/api/5.0/user/reset_password',
      JSON.stringify({ email: OPERATOR.email }),
      OPERATOR.vector.password,
      'first-new-password-1',
      1,
    );
  });

  it('resets again through /api/4.0, with an upper-case key and a name-addr address', async () => {
    await database.execute('UPDATE tm_user SET token = ? WHERE email = ?', ['portal-token-3', OPERATOR.email]);
    const body = JSON.stringify({ EMAIL: `Operator Person <${OPERATOR.email}>` });
    await resetThrough('/api/4.0/user/reset_password', body, 'first-new-password-1', 'second-new-password-2', 2);
  });

  it('answers Traffic Ops’ 404 for an unknown address, a case variant (compared exactly, as Traffic Ops does) and a disallowed account, and mails none', async () => {
    for (const email of ['nobody@example.com', 'Operator@Example.com', BLOCKED.email]) {
      const answer = await postResetPassword(deployment.url, JSON.stringify({ email }));
      expect([answer.status, answer.json]).toEqual([404, alerts('error', `No account with the email address '${email}' was found!`)]);
    }
    // Judged once a later request's mail has arrived: the jobs are processed in order.
    const mailsBefore = (await deployment.mails()).filter((mail) => mail.to === NEIGHBOUR.email).length;
    await postResetPassword(deployment.url, JSON.stringify({ email: NEIGHBOUR.email }));
    await nthMail(NEIGHBOUR.email, 'password-reset', mailsBefore + 1);
    const strays = (await deployment.mails()).filter((mail) =>
      [BLOCKED.email, 'nobody@example.com', 'operator@example.com'.toUpperCase()].includes(mail.to),
    );
    expect(strays).toEqual([]);
  });

  it('gives an LDAP user, who has no local_passwd, a local password Traffic Ops accepts', async () => {
    expect((await rowOf(LDAP_USER.email))?.local_passwd).toBeNull();
    const answer = await postResetPassword(deployment.url, JSON.stringify({ email: LDAP_USER.email }));
    expect([answer.status, answer.json]).toEqual([200, successFor(LDAP_USER.email)]);
    const secret = secretFromMail(await nthMail(LDAP_USER.email, 'password-reset', 1));
    expect(await completeOnHostedPage(secret, 'a-local-password-4')).toEqual(completed);
    const row = await rowOf(LDAP_USER.email);
    expect(await trafficOpsAcceptsPassword('a-local-password-4', String(row?.local_passwd))).toBe(true);
  });

  it('answers 503 in Traffic Ops’ envelope while the database refuses connections, and the mailed link works once it is back', async () => {
    const name = new URL(database.url).pathname.slice(1);
    const before = await rowOf(OPERATOR.email);
    await postResetPassword(deployment.url, JSON.stringify({ email: OPERATOR.email }));
    const secret = secretFromMail(await nthMail(OPERATOR.email, 'password-reset', 3));

    // Only this file's database goes away: new connections refused, the service's open ones closed.
    // The name is ours and of [a-z0-9_]; ALTER DATABASE takes no parameters and must run from another database.
    const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_SERVER}/postgres` });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [
        name,
        'pwreset',
      ]);
      const refused = await postResetPassword(deployment.url, JSON.stringify({ email: OPERATOR.email }));
      expect([refused.status, refused.json]).toEqual([503, alerts('error', 'Service Unavailable')]);
      expect((await completeOnHostedPage(secret, 'third-new-password-3')).status).toBe(503);
      const readiness = await fetch(`${deployment.url}/readyz`);
      expect(readiness.status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(await rowOf(OPERATOR.email)).toEqual(before);

    expect(await completeOnHostedPage(secret, 'third-new-password-3')).toEqual(completed);
    await nthMail(OPERATOR.email, 'password-changed', 3);
    // Three "changed" mails for three completions: the refused one sent none.
    expect((await deployment.mails()).filter((mail) => mail.to === OPERATOR.email && mail.kind === 'password-changed')).toHaveLength(3);
    expect(await trafficOpsAcceptsPassword('third-new-password-3', String((await rowOf(OPERATOR.email))?.local_passwd))).toBe(true);
  });
});
