import { describe, expect, it } from 'vitest';
import { laravelSettings, trafficOpsSettings } from '../testing/sql-table-shapes.js';
import { mysqlDialect } from './mysql-user-directory.js';
import { postgresDialect } from './postgres-user-directory.js';
import { quoteIdentifierParts } from './sql-runner.js';
import { sqlUserStatements } from './sql-user-statements.js';

describe('sqlUserStatements', () => {
  const trafficOps = sqlUserStatements(
    { ...trafficOpsSettings('postgres', 'postgres://x/y'), table: 'traffic_ops.tm_user' },
    postgresDialect,
  );
  const teenQuotes = sqlUserStatements(laravelSettings('mysql', 'mysql://x/y'), mysqlDialect);

  it('spells a PostgreSQL lookup with quoted identifiers and numbered placeholders', () => {
    expect(trafficOps.findByEmail('Jane@Example.com')).toEqual({
      text:
        'SELECT "id"::text AS "pwreset_id", "email" AS "pwreset_email", "full_name" AS "pwreset_name", "locale" AS "pwreset_locale", ' +
        '("role"::text = $1::text) AS "pwreset_disabled_when" FROM "traffic_ops"."tm_user" WHERE lower("email") = lower($2) LIMIT 10',
      values: [3, 'Jane@Example.com'],
    });
  });

  it('spells a MySQL lookup with backquoted identifiers and ? placeholders', () => {
    expect(teenQuotes.findById('42')).toEqual({
      text:
        'SELECT CAST(`id` AS CHAR) AS `pwreset_id`, `email` AS `pwreset_email`, `name` AS `pwreset_name`, `locale` AS `pwreset_locale`, ' +
        '`banned` AS `pwreset_disabled` FROM `users` WHERE (`id` = ? AND CAST(`id` AS BINARY) = ?) LIMIT 1',
      values: ['42', '42'],
    });
  });

  it("reads an account with its password hash in findById's one SELECT, for the reuse check", () => {
    const plain = teenQuotes.findById('42');
    expect(teenQuotes.findByIdWithPasswordHash('42')).toEqual({
      text: plain.text.replace(' FROM ', ', `password` AS `pwreset_password_hash` FROM '),
      values: plain.values,
    });
  });

  it('writes the password and the onPasswordChange columns in one UPDATE, the hash bound', () => {
    expect(teenQuotes.setPasswordHash('7', '$2y$10$hash')).toEqual({
      text: 'UPDATE `users` SET `password` = ?, `remember_token` = NULL, `updated_at` = now() WHERE (`id` = ? AND CAST(`id` AS BINARY) = ?)',
      values: ['$2y$10$hash', '7', '7'],
    });
  });

  it('never puts an address, id or hash into the statement text', () => {
    const hostile = "x' OR '1'='1";
    for (const statement of [
      trafficOps.findByEmail(hostile),
      trafficOps.findById(hostile),
      trafficOps.findByIdWithPasswordHash(hostile),
      trafficOps.readPasswordHash(hostile),
      trafficOps.setPasswordHash(hostile, hostile),
    ]) {
      expect(statement.text).not.toContain(hostile);
      expect(statement.values).toContain(hostile);
    }
  });

  it('probes every configured column without reading a row', () => {
    expect(teenQuotes.probe()).toEqual({
      text: 'SELECT `id`, `email`, `password`, `name`, `locale`, `banned`, `remember_token`, `updated_at` FROM `users` WHERE 1 = 0',
      values: [],
    });
  });
});

describe('quoteIdentifierParts', () => {
  it('refuses a name that did not pass the identifier rule, in case validation was ever bypassed', () => {
    expect(() => quoteIdentifierParts('users"; DROP TABLE users; --', '"')).toThrow(/unvalidated/);
    expect(() => quoteIdentifierParts('a.b.c`', '`')).toThrow(/unvalidated/);
    expect(quoteIdentifierParts('public.users', '"')).toBe('"public"."users"');
  });
});
