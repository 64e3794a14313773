import type { SqlUserDirectorySettings } from '../../config/user-directories/user-directories-schema.js';

export type SqlKind = SqlUserDirectorySettings['kind'];

/** Traffic Ops' `tm_user` (traffic_ops/app/db), trimmed to the columns a reset touches; email compared case-sensitively. */
export const TM_USER_TABLE: Record<SqlKind, string> = {
  postgres: `CREATE TABLE tm_user (
    id bigserial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    email text UNIQUE,
    local_passwd text,
    confirm_local_passwd text,
    role bigint NOT NULL DEFAULT 1,
    token text,
    full_name text,
    locale text,
    last_updated timestamptz NOT NULL DEFAULT now()
  )`,
  mysql: `CREATE TABLE tm_user (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    username varchar(128) COLLATE utf8mb4_bin NOT NULL UNIQUE,
    email varchar(128) COLLATE utf8mb4_bin UNIQUE,
    local_passwd varchar(255),
    confirm_local_passwd varchar(255),
    role bigint NOT NULL DEFAULT 1,
    token varchar(255),
    full_name varchar(255),
    locale varchar(16),
    last_updated timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
  )`,
};

/** Laravel's `users` as Teen Quotes has it (login, remember_token, updated_at), with a ban flag and a locale. */
export const LARAVEL_USERS_TABLE: Record<SqlKind, string> = {
  postgres: `CREATE TABLE users (
    id bigserial PRIMARY KEY,
    login varchar(255) NOT NULL UNIQUE,
    name varchar(255),
    email varchar(255) NOT NULL UNIQUE,
    password varchar(255) NOT NULL,
    remember_token varchar(100),
    banned boolean NOT NULL DEFAULT false,
    locale varchar(16),
    created_at timestamp,
    updated_at timestamp
  )`,
  mysql: `CREATE TABLE users (
    id bigint unsigned AUTO_INCREMENT PRIMARY KEY,
    login varchar(255) NOT NULL UNIQUE,
    name varchar(255) NULL,
    email varchar(255) NOT NULL UNIQUE,
    password varchar(255) NOT NULL,
    remember_token varchar(100) NULL,
    banned tinyint(1) NOT NULL DEFAULT 0,
    locale varchar(16) NULL,
    created_at timestamp NULL,
    updated_at timestamp NULL
  ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
};

/** The role Traffic Ops' recipe treats as disabled (`disabledWhen`). */
export const DISABLED_ROLE = 3;

/** Traffic Ops' recipe: case-insensitive addresses, disabled by role, the API token cleared on a change. */
export function trafficOpsSettings(kind: SqlKind, url: string, table = 'tm_user'): SqlUserDirectorySettings {
  return {
    kind,
    url,
    table,
    columns: { id: 'id', email: 'email', password: 'local_passwd', name: 'full_name', locale: 'locale' },
    disabledWhen: { column: 'role', equals: DISABLED_ROLE },
    emailMatch: 'case-insensitive',
    // The test hasher writes argon2id; the format of the recipe (trafficops-scrypt) belongs to the hashers' tests.
    passwordHash: 'argon2id',
    onPasswordChange: { token: null },
    statementTimeoutMs: 5000,
  };
}

/** Teen Quotes' recipe: exact addresses, a ban flag, the remember-me token cleared and updated_at set. */
export function laravelSettings(kind: SqlKind, url: string, table = 'users'): SqlUserDirectorySettings {
  return {
    kind,
    url,
    table,
    columns: { id: 'id', email: 'email', password: 'password', name: 'name', locale: 'locale', disabled: 'banned' },
    emailMatch: 'exact',
    passwordHash: 'argon2id',
    onPasswordChange: { remember_token: null, updated_at: 'now()' },
    statementTimeoutMs: 5000,
  };
}
