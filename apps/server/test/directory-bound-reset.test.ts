import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TM_USER_TABLE } from '../src/directories/testing/sql-table-shapes.js';
import { createTemporaryPostgresDatabase, type TemporarySqlDatabase } from '../src/directories/testing/temporary-sql-databases.js';
import { createPasswordHasher, verifyPasswordAgainstStoredHash } from '../src/users/password-hashes/index.js';
import { registerClient, secretFromMail, startTestServer, trpcClientFor } from './support/test-server.js';

const OLD_PASSWORD = 'the-old-ops-password-1';
const NEW_PASSWORD = 'a-new-ops-passphrase-9';
const OPS_EMAIL = 'operator@example.com';

/**
 * The wiring end to end: USER_DIRECTORIES_FILE → the registry → ports.users → the engine, for a client
 * bound to a PostgreSQL directory. Needs the engine that resolves users in the client's directory.
 */
describe('a reset for a client bound to a PostgreSQL directory', () => {
  let folder: string;
  let database: TemporarySqlDatabase;
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pwreset-bound-reset-'));
    database = await createTemporaryPostgresDatabase();
    await database.execute(TM_USER_TABLE.postgres);
    const oldHash = await createPasswordHasher({ format: 'trafficops-scrypt' }).hash(OLD_PASSWORD);
    await database.execute('INSERT INTO tm_user (username, email, local_passwd, token) VALUES (?, ?, ?, ?)', [
      'operator',
      OPS_EMAIL,
      oldHash,
      'api-token',
    ]);
    const file = join(folder, 'directories.json');
    await writeFile(
      file,
      JSON.stringify({
        default: { kind: 'redis' },
        trafficops: {
          kind: 'postgres',
          url: { env: 'TO_DATABASE_URL' },
          table: 'tm_user',
          columns: { id: 'id', email: 'email', password: 'local_passwd' },
          emailMatch: 'case-insensitive',
          passwordHash: 'trafficops-scrypt',
          onPasswordChange: { token: null },
        },
      }),
    );
    server = await startTestServer({ USER_DIRECTORIES_FILE: file, TO_DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('mails the account found in that directory and writes the new password into its row', async () => {
    const bound = await registerClient(server.composed, server.url, { name: 'Traffic Ops', directory: 'trafficops' });
    await trpcClientFor(server.url, bound.accessToken).passwordReset.request.mutate({ email: OPS_EMAIL });
    const mail = (await server.mails()).find((candidate) => candidate.to === OPS_EMAIL && candidate.kind === 'password-reset');
    expect(mail).toBeDefined();
    const secret = secretFromMail(mail!);

    expect(await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: NEW_PASSWORD })).toEqual({ completed: true });
    const [row] = await database.execute('SELECT local_passwd, token FROM tm_user WHERE email = ?', [OPS_EMAIL]);
    expect(String(row?.local_passwd)).toMatch(/^SCRYPT:16384:8:1:/);
    expect(await verifyPasswordAgainstStoredHash(NEW_PASSWORD, String(row?.local_passwd))).toBe(true);
    expect(await verifyPasswordAgainstStoredHash(OLD_PASSWORD, String(row?.local_passwd))).toBe(false);
    expect(row?.token).toBeNull();
  });

  it('does not reach that directory’s accounts from a client bound to another', async () => {
    const before = (await server.mails()).length;
    // The test server's own client is bound to `default`, where the operator has no account.
    expect(await server.trpc.passwordReset.request.mutate({ email: OPS_EMAIL })).toEqual({ accepted: true });
    const after = await server.mails();
    expect(after.slice(before).filter((candidate) => candidate.to === OPS_EMAIL)).toEqual([]);
  });
});
