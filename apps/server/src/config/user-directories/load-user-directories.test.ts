import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_DIRECTORIES,
  loadUserDirectories,
  parseUserDirectories,
  type UserDirectoriesResult,
} from './load-user-directories.js';
import { parseTimeoutMilliseconds } from './timeout-setting.js';

const trafficOps = {
  kind: 'postgres',
  url: { env: 'TO_DATABASE_URL' },
  table: 'tm_user',
  columns: { id: 'id', email: 'email', password: 'local_passwd', name: 'full_name' },
  disabledWhen: { column: 'role', equals: 3 },
  emailMatch: 'case-insensitive',
  passwordHash: 'trafficops-scrypt',
  onPasswordChange: { token: null },
};
const teenQuotes = {
  kind: 'mysql',
  url: 'mysql://root@127.0.0.1:3306/teenquotes',
  table: 'teenquotes.users',
  columns: { id: 'id', email: 'email', password: 'password', disabled: 'banned' },
  emailMatch: 'exact',
  passwordHash: 'bcrypt',
  bcryptPrefix: '2y',
  onPasswordChange: { remember_token: null, updated_at: 'now()' },
  statementTimeout: '800ms',
};
const appDirectory = {
  kind: 'http',
  url: 'https://app.internal/pwreset-directory',
  secret: { env: 'APP_DIRECTORY_SECRET' },
  timeout: '3s',
};
const environment = { TO_DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/traffic_ops', APP_DIRECTORY_SECRET: 's'.repeat(40) };

function problemsOf(result: UserDirectoriesResult): string[] {
  if (result.ok) throw new Error('expected the directories to be refused');
  return result.problems;
}

/** The problems of a file holding one directory `d`, `settings` over a valid Traffic Ops directory. */
function problemsOfTrafficOps(settings: Record<string, unknown>, env: Record<string, string> = environment): string[] {
  return problemsOf(parseUserDirectories({ d: { ...trafficOps, ...settings } }, env));
}

describe('parseUserDirectories', () => {
  it('reads every kind, resolves env references and applies the defaults', () => {
    const result = parseUserDirectories(
      { default: { kind: 'redis' }, trafficops: trafficOps, teenquotes: teenQuotes, app: appDirectory },
      environment,
    );
    expect(result).toEqual({
      ok: true,
      directories: {
        default: { kind: 'redis' },
        trafficops: {
          ...trafficOps,
          url: 'postgres://postgres@127.0.0.1:5432/traffic_ops',
          statementTimeoutMs: 5000,
        },
        teenquotes: {
          kind: 'mysql',
          url: 'mysql://root@127.0.0.1:3306/teenquotes',
          table: 'teenquotes.users',
          columns: teenQuotes.columns,
          emailMatch: 'exact',
          passwordHash: 'bcrypt',
          bcrypt: { prefix: '2y', cost: 10 },
          onPasswordChange: { remember_token: null, updated_at: 'now()' },
          statementTimeoutMs: 800,
        },
        app: { kind: 'http', url: 'https://app.internal/pwreset-directory', secret: 's'.repeat(40), timeoutMs: 3000 },
      },
    });
  });

  it('lists every problem at once, each with its path', () => {
    const problems = problemsOf(
      parseUserDirectories(
        {
          trafficops: { ...trafficOps, table: 'tm_user; DROP TABLE tm_user', emailMatch: 'fuzzy' },
          app: { ...appDirectory, url: 'http://app.example.com' },
          ldap: { kind: 'ldap' },
        },
        {},
      ),
    );
    expect(problems).toEqual([
      'directories.trafficops.url: environment variable TO_DATABASE_URL is not set',
      expect.stringMatching(/^directories\.trafficops\.table: must be a table name/),
      expect.stringMatching(/^directories\.trafficops\.emailMatch: /),
      'directories.app.url: must be https (http only for localhost)',
      'directories.app.secret: environment variable APP_DIRECTORY_SECRET is not set',
      'directories.ldap.kind: must have a "kind" of redis, postgres, mysql, http',
    ]);
  });

  it('counts an empty environment variable as not set', () => {
    expect(problemsOfTrafficOps({}, { TO_DATABASE_URL: '' })).toEqual([
      'directories.d.url: environment variable TO_DATABASE_URL is not set',
    ]);
  });

  it('takes an env reference for any string value, and nothing else in its place', () => {
    const result = parseUserDirectories(
      { d: { ...trafficOps, table: { env: 'TO_TABLE' } } },
      { ...environment, TO_TABLE: 'traffic.tm_user' },
    );
    expect(result.ok && result.directories.d).toMatchObject({ table: 'traffic.tm_user' });
    expect(problemsOfTrafficOps({ table: { env: 'TO_TABLE', default: 'x' } })).toEqual([
      'directories.d.table: Unrecognized key: "default"',
      'directories.d.table: environment variable TO_TABLE is not set',
    ]);
    expect(problemsOfTrafficOps({ table: { env: 'TO TABLE' } })).toEqual([
      'directories.d.table.env: Invalid string: must match pattern /^[A-Za-z_][A-Za-z0-9_]*$/',
    ]);
    expect(problemsOfTrafficOps({ table: 42 })).toEqual(['directories.d.table: must be a string or {"env": "VARIABLE_NAME"}']);
  });

  it('validates an identifier that came from the environment like one written in the file', () => {
    const problems = problemsOfTrafficOps({ table: { env: 'TO_TABLE' } }, { ...environment, TO_TABLE: 'tm_user"--' });
    expect(problems).toEqual([expect.stringMatching(/^directories\.d\.table: must be a table name/)]);
  });

  it.each([
    ['tm_user', true],
    ['traffic_ops.tm_user', true],
    ['_private', true],
    ['Users2', true],
    ['a.b.c', false],
    ['2users', false],
    ['tm-user', false],
    ['"tm_user"', false],
    ['tm_user ', false],
    ['', false],
    ['x'.repeat(64), false],
  ])('accepts %j as a table name: %s', (table, accepted) => {
    const result = parseUserDirectories({ d: { ...trafficOps, table } }, environment);
    expect(result.ok).toBe(accepted);
  });

  it('validates every column name: the columns, disabledWhen and onPasswordChange', () => {
    const problems = problemsOfTrafficOps({
      columns: { id: 'id', email: 'e-mail', password: 'pass word', locale: 'locale;' },
      disabledWhen: { column: 'role)', equals: 3 },
      onPasswordChange: { 'token--': null },
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'directories.d.columns.email',
      'directories.d.columns.password',
      'directories.d.columns.locale',
      'directories.d.disabledWhen.column',
      'directories.d.onPasswordChange.token--',
    ]);
  });

  it('requires the id, email and password columns and refuses unknown ones', () => {
    expect(problemsOfTrafficOps({ columns: { id: 'id', emails: 'email' } })).toEqual([
      'directories.d.columns.email: is required',
      'directories.d.columns.password: is required',
      'directories.d.columns: Unrecognized key: "emails"',
    ]);
  });

  it('refuses a setting it does not know, rather than ignore a typo', () => {
    expect(problemsOfTrafficOps({ onPasswordChanges: {} })).toEqual(['directories.d: Unrecognized key: "onPasswordChanges"']);
    expect(problemsOf(parseUserDirectories({ default: { kind: 'redis', url: 'redis://x' } }, {}))).toEqual([
      'directories.default: Unrecognized key: "url"',
    ]);
  });

  it('takes disabledWhen values of string, number or boolean', () => {
    for (const equals of ['banned', 3, true]) {
      expect(parseUserDirectories({ d: { ...trafficOps, disabledWhen: { column: 'role', equals } } }, environment).ok).toBe(true);
    }
    expect(problemsOfTrafficOps({ disabledWhen: { column: 'role', equals: null } })).toEqual([
      'directories.d.disabledWhen.equals: must be a string, number or boolean',
    ]);
  });

  it('knows the two match modes and the three hash formats only', () => {
    expect(problemsOfTrafficOps({ emailMatch: 'lower', passwordHash: 'md5' }).map((problem) => problem.split(':')[0])).toEqual([
      'directories.d.emailMatch',
      'directories.d.passwordHash',
    ]);
  });

  it('takes bcrypt settings only for bcrypt directories, with cost 10 and the $2b$ prefix by default', () => {
    const bcrypt = parseUserDirectories({ d: { ...trafficOps, passwordHash: 'bcrypt' } }, environment);
    expect(bcrypt.ok && bcrypt.directories.d).toMatchObject({ bcrypt: { prefix: '2b', cost: 10 } });
    expect(problemsOfTrafficOps({ bcryptPrefix: '2y', bcryptCost: 12 })).toEqual([
      'directories.d.bcryptPrefix: is only for "passwordHash": "bcrypt"',
      'directories.d.bcryptCost: is only for "passwordHash": "bcrypt"',
    ]);
    expect(
      problemsOfTrafficOps({ passwordHash: 'bcrypt', bcryptPrefix: '2x', bcryptCost: 3 }).map((problem) => problem.split(':')[0]),
    ).toEqual(['directories.d.bcryptPrefix', 'directories.d.bcryptCost']);
  });

  it('sets onPasswordChange columns only to null or now(), never the id or password column', () => {
    expect(problemsOfTrafficOps({ onPasswordChange: { token: 'abc', local_passwd: null, id: 'now()' } })).toEqual([
      'directories.d.onPasswordChange.token: must be null or "now()"',
      'directories.d.onPasswordChange.local_passwd: must not name the id or password column',
      'directories.d.onPasswordChange.id: must not name the id or password column',
    ]);
  });

  it('reports the cross-field rules together with the other problems', () => {
    expect(problemsOfTrafficOps({ table: '1x', bcryptCost: 10 }).map((problem) => problem.split(':')[0])).toEqual([
      'directories.d.table',
      'directories.d.bcryptCost',
    ]);
  });

  it('bounds the statement timeout between 1 ms and one minute', () => {
    expect(problemsOfTrafficOps({ statementTimeout: '0ms' })).toEqual(['directories.d.statementTimeout: must be at least 1ms']);
    expect(problemsOfTrafficOps({ statementTimeout: '2m' })).toEqual(['directories.d.statementTimeout: must be at most 1m']);
    expect(problemsOfTrafficOps({ statementTimeout: 'soon' })).toEqual([
      'directories.d.statementTimeout: "soon" is not a duration such as 500ms, 3s or 1m',
    ]);
  });

  it('wants connection URLs of the directory kind', () => {
    expect(problemsOfTrafficOps({ url: 'mysql://root@127.0.0.1/x' })).toEqual(['directories.d.url: must be a postgres connection URL']);
    expect(parseUserDirectories({ d: { ...trafficOps, url: 'postgresql://127.0.0.1/x' } }, environment).ok).toBe(true);
    expect(parseUserDirectories({ d: { ...teenQuotes, url: 'mariadb://127.0.0.1/x' } }, environment).ok).toBe(true);
    expect(problemsOf(parseUserDirectories({ d: { ...teenQuotes, url: 'postgres://127.0.0.1/x' } }, environment))).toEqual([
      'directories.d.url: must be a mysql connection URL',
    ]);
  });

  it('allows an http directory on plain http only for localhost, 127.0.0.1 and [::1]', () => {
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:9000']) {
      expect(parseUserDirectories({ d: { ...appDirectory, url: `http://${host}/dir` } }, environment).ok).toBe(true);
    }
    expect(problemsOf(parseUserDirectories({ d: { ...appDirectory, url: 'http://10.0.0.1/dir' } }, environment))).toEqual([
      'directories.d.url: must be https (http only for localhost)',
    ]);
  });

  it('wants an http directory secret of at least 32 characters and a timeout, 5s by default', () => {
    const result = parseUserDirectories({ d: { kind: 'http', url: 'https://app.internal/dir', secret: 'k'.repeat(32) } }, {});
    expect(result.ok && result.directories.d).toMatchObject({ timeoutMs: 5000 });
    expect(problemsOf(parseUserDirectories({ d: { ...appDirectory, secret: 'short', timeout: '5 minutes' } }, {}))).toEqual([
      'directories.d.secret: must be at least 32 characters',
      'directories.d.timeout: "5 minutes" is not a duration such as 500ms, 3s or 1m',
    ]);
  });

  it('refuses directory names that could not be a Redis key part or a CLI argument', () => {
    expect(problemsOf(parseUserDirectories({ 'traffic ops': { kind: 'redis' }, 'a:b': { kind: 'redis' } }, {}))).toEqual([
      'directories.traffic ops: is not a directory name (letters, digits, _ and -, at most 64)',
      'directories.a:b: is not a directory name (letters, digits, _ and -, at most 64)',
    ]);
    expect(parseUserDirectories({ 'traffic-ops_2': { kind: 'redis' } }, {}).ok).toBe(true);
  });

  it('refuses a file that is not an object of directories, or names none', () => {
    expect(problemsOf(parseUserDirectories([], {}))).toEqual(['directories: Invalid input: expected record, received array']);
    expect(problemsOf(parseUserDirectories({}, {}))).toEqual(['directories: must name at least one directory']);
  });
});

describe('loadUserDirectories', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pwreset-directories-'));

  it('gives the one embedded default directory when no file is named', () => {
    expect(loadUserDirectories(undefined, {})).toEqual({ ok: true, directories: DEFAULT_USER_DIRECTORIES });
    expect(DEFAULT_USER_DIRECTORIES).toEqual({ default: { kind: 'redis' } });
  });

  it('reads and validates the named file', () => {
    const path = join(folder, 'directories.json');
    writeFileSync(path, JSON.stringify({ trafficops: trafficOps }));
    const result = loadUserDirectories(path, environment);
    expect(result.ok && result.directories.trafficops).toMatchObject({ kind: 'postgres', url: environment.TO_DATABASE_URL });
  });

  it('says when the file is missing', () => {
    expect(problemsOf(loadUserDirectories(join(folder, 'absent.json'), {}))).toEqual([
      `USER_DIRECTORIES_FILE: cannot read ${join(folder, 'absent.json')} (ENOENT)`,
    ]);
  });

  it('says when the file is not JSON, without quoting its text', () => {
    const path = join(folder, 'broken.json');
    writeFileSync(path, '{"app": {"kind": "http", "secret": "inline-secret-value-0123456789-abcdef",}}');
    const problems = problemsOf(loadUserDirectories(path, {}));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^USER_DIRECTORIES_FILE: ${path} is not valid JSON`))]);
    expect(problems.join('\n')).not.toContain('inline-secret');
  });
});

describe('parseTimeoutMilliseconds', () => {
  it.each([
    ['800ms', 800],
    ['3s', 3000],
    ['3', 3000],
    ['1m', 60_000],
    ['fast', undefined],
    ['1.5s', undefined],
  ])('reads %j as %j ms', (text, milliseconds) => {
    expect(parseTimeoutMilliseconds(text)).toBe(milliseconds);
  });
});
