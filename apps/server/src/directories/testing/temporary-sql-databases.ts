import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';

/** The servers this kind of machine runs for tests (see the README, "Run it; test it"): PostgreSQL 15 with trust auth, MariaDB as root without password. */
export const TEST_POSTGRES_SERVER = 'postgres://postgres@127.0.0.1:5432';
export const TEST_MYSQL_SERVER = 'mysql://root@127.0.0.1:3306';

export interface TemporarySqlDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** Runs set-up SQL in it (tables, rows, views), with `?` placeholders in either dialect; tests only. */
  execute(sql: string, values?: readonly (string | number | boolean | null)[]): Promise<Record<string, unknown>[]>;
  /** Drops the database; it was created for this test file only. */
  drop(): Promise<void>;
}

/** A name no other test file uses: its own database, created here and dropped after, never another. */
function randomDatabaseName(): string {
  return `pwreset_test_${randomBytes(6).toString('hex')}`;
}

export async function createTemporaryPostgresDatabase(): Promise<TemporarySqlDatabase> {
  const name = randomDatabaseName();
  const admin = new pg.Client({ connectionString: `${TEST_POSTGRES_SERVER}/postgres` });
  await admin.connect();
  // The name is ours and made of [a-z0-9_]: safe to spell into CREATE DATABASE, which takes no parameters.
  await admin.query(`CREATE DATABASE ${name}`);
  const url = `${TEST_POSTGRES_SERVER}/${name}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    url,
    async execute(sql, values = []) {
      let position = 0;
      // Set-up SQL is written once for both dialects; PostgreSQL numbers its placeholders.
      const numbered = sql.replace(/\?/g, () => `$${++position}`);
      return (await client.query<Record<string, unknown>>(numbered, [...values])).rows;
    },
    async drop() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function createTemporaryMysqlDatabase(): Promise<TemporarySqlDatabase> {
  const name = randomDatabaseName();
  const admin = await mysql.createConnection({ uri: TEST_MYSQL_SERVER });
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = `${TEST_MYSQL_SERVER}/${name}`;
  const connection = await mysql.createConnection({ uri: url });
  return {
    url,
    async execute(sql, values = []) {
      const [rows] = await connection.query(sql, [...values]);
      return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    },
    async drop() {
      await connection.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    },
  };
}
