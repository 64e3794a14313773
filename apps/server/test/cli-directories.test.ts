import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import bcryptjs from 'bcryptjs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../src/redis/redis-keys.js';
import { createPasswordHasher } from '../src/users/password-hashes/index.js';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';

/** The directories every command of this file sees: two embedded ones and a SQL one it never needs to reach. */
const DIRECTORIES = {
  default: { kind: 'redis' },
  staff: { kind: 'redis' },
  trafficops: {
    kind: 'postgres',
    url: 'postgres://postgres@127.0.0.1:1/never_dialled',
    table: 'tm_user',
    columns: { id: 'id', email: 'email', password: 'local_passwd' },
    emailMatch: 'case-insensitive',
    passwordHash: 'trafficops-scrypt',
  },
};

describe('pnpm cli with user directories', () => {
  let redis: PrivateRedis;
  let folder: string;
  let environment: Record<string, string>;
  const cli = (args: string[], input?: string) => runToCompletion(BUILT_CLI, args, environment, input === undefined ? {} : { input });

  beforeAll(async () => {
    redis = await startPrivateRedis();
    folder = await mkdtemp(join(tmpdir(), 'pwreset-cli-directories-'));
    const file = join(folder, 'directories.json');
    await writeFile(file, JSON.stringify(DIRECTORIES));
    environment = { REDIS_URL: redis.url, MAIL_OUTBOX_DIR: join(folder, 'outbox'), NODE_ENV: 'test', USER_DIRECTORIES_FILE: file };
  });
  afterAll(async () => {
    await redis.stop();
    await rm(folder, { recursive: true, force: true });
  });

  describe('clients --directory', () => {
    it('binds a client to a directory, shows it, and changes it with update', async () => {
      const added = await cli(['clients', 'add', '--name', 'Traffic Ops', '--directory', 'trafficops', '--json']);
      expect(added.code).toBe(0);
      const { clientId } = JSON.parse(added.stdout) as { clientId: string };
      expect(JSON.parse((await cli(['clients', 'show', clientId, '--json'])).stdout)).toMatchObject({ directory: 'trafficops' });
      expect((await cli(['clients', 'show', clientId])).stdout).toMatch(/directory: +trafficops/);
      expect((await cli(['clients', 'list'])).stdout).toMatch(new RegExp(`${clientId}.*\\n +directory: +trafficops`));

      const updated = await cli(['clients', 'update', clientId, '--directory', 'staff', '--json']);
      expect(updated.code).toBe(0);
      expect(JSON.parse(updated.stdout)).toMatchObject({ directory: 'staff', name: 'Traffic Ops' });
      // An update that does not name the directory keeps it.
      await cli(['clients', 'update', clientId, '--sender-name', 'Ops desk']);
      expect(JSON.parse((await cli(['clients', 'show', clientId, '--json'])).stdout)).toMatchObject({ directory: 'staff' });
    });

    it('binds to `default` when no directory is named, and reads older records without one as `default`', async () => {
      const added = await cli(['clients', 'add', '--name', 'Plain', '--json']);
      const { clientId } = JSON.parse(added.stdout) as { clientId: string };
      expect(JSON.parse((await cli(['clients', 'show', clientId, '--json'])).stdout)).toMatchObject({ directory: 'default' });

      // A record stored before directories existed has no such field.
      const connection = new Redis(redis.url);
      try {
        expect(await connection.hdel(redisKeys('pwreset').client(clientId), 'directory')).toBe(1);
      } finally {
        connection.disconnect();
      }
      expect(JSON.parse((await cli(['clients', 'show', clientId, '--json'])).stdout)).toMatchObject({ directory: 'default' });
    });

    it('refuses a directory USER_DIRECTORIES_FILE does not name, with exit 2, and stores nothing', async () => {
      const before = (await cli(['clients', 'list', '--json'])).stdout;
      const refused = await cli(['clients', 'add', '--name', 'Lost', '--directory', 'nowhere', '--ttl', '5m']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(
        '--directory: must name a user directory of USER_DIRECTORIES_FILE (configured: default, staff, trafficops)',
      );
      // Listed with the other problems of the same command.
      expect(refused.stderr).toContain('--ttl');
      expect((await cli(['clients', 'list', '--json'])).stdout).toBe(before);

      const [first] = JSON.parse(before) as Array<{ clientId: string; directory: string }>;
      const update = await cli(['clients', 'update', first!.clientId, '--directory', 'nowhere']);
      expect(update.code).toBe(2);
      expect(update.stderr).toContain('--directory');
      expect(JSON.parse((await cli(['clients', 'show', first!.clientId, '--json'])).stdout)).toMatchObject({ directory: first!.directory });
    });
  });

  describe('users --password-stdin and --directory', () => {
    it('takes the password from stdin, dropping exactly one trailing newline', async () => {
      const added = await cli(['users', 'add', '--email', 'stdin@example.com', '--password-stdin', '--json'], 'from-stdin-pass-1\n');
      expect(added.code).toBe(0);
      const check = (args: string[], input?: string) => cli(['users', 'check-password', '--email', 'stdin@example.com', ...args], input);
      expect((await check(['--password', 'from-stdin-pass-1'])).code).toBe(0);
      expect((await check(['--password-stdin'], 'from-stdin-pass-1\n')).code).toBe(0);
      expect((await check(['--password-stdin'], 'from-stdin-pass-1')).code).toBe(0);
      expect((await check(['--password-stdin'], 'from-stdin-pass-1\n\n')).code).toBe(1);
      expect((await check(['--password-stdin'], ' from-stdin-pass-1\n')).code).toBe(1);
    });

    it('wants exactly one of --password and --password-stdin, and a password on stdin', async () => {
      const both = await cli(['users', 'add', '--email', 'both@example.com', '--password', 'p-a-s-s-1', '--password-stdin'], 'x\n');
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('give either --password P or --password-stdin');
      const neither = await cli(['users', 'add', '--email', 'not-an-address']);
      expect(neither.code).toBe(2);
      expect(neither.stderr).toContain('--email');
      expect(neither.stderr).toContain('--password');
      const empty = await cli(['users', 'add', '--email', 'empty@example.com', '--password-stdin'], '\n');
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain('stdin held no password');
    });

    it('adds users to an embedded directory named by --directory, and refuses other kinds and unknown names', async () => {
      const added = await cli(['users', 'add', '--email', 'staffer@example.com', '--password', 'staff-pass-1', '--directory', 'staff']);
      expect(added.code).toBe(0);
      expect(added.stdout).toContain('in "staff"');
      expect(
        (await cli(['users', 'check-password', '--email', 'staffer@example.com', '--password', 'staff-pass-1', '--directory', 'staff']))
          .code,
      ).toBe(0);

      const sql = await cli(['users', 'add', '--email', 'ops@example.com', '--password', 'ops-pass-1', '--directory', 'trafficops']);
      expect(sql.code).toBe(2);
      expect(sql.stderr).toContain(
        'user directory "trafficops" is of kind postgres; users add works only on an embedded (redis) directory',
      );
      const unknown = await cli(['users', 'check-password', '--email', 'a@example.com', '--password', 'x', '--directory', 'nowhere']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('--directory: must name a user directory');
    });
  });

  describe('users import', () => {
    const PASSWORD = 'an-imported-password-1';

    async function importFile(lines: readonly string[]): Promise<string> {
      const path = join(folder, `import-${Math.random().toString(36).slice(2)}.jsonl`);
      await writeFile(path, `${lines.join('\n')}\n`);
      return path;
    }

    it('refuses a non-embedded or unknown directory, a missing file, and a missing argument', async () => {
      const file = await importFile([]);
      const sql = await cli(['users', 'import', '--directory', 'trafficops', file]);
      expect(sql.code).toBe(2);
      expect(sql.stderr).toContain('users import works only on an embedded (redis) directory');
      expect((await cli(['users', 'import', '--directory', 'nowhere', file])).code).toBe(2);
      const missing = await cli(['users', 'import', '--directory', 'staff', join(folder, 'absent.jsonl')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('(ENOENT)');
      const notAFile = await cli(['users', 'import', '--directory', 'staff', folder]);
      expect(notAFile.code).toBe(1);
      expect(notAFile.stderr).toBe(`error: cannot read ${folder} (EISDIR)\n`);
      const noFile = await cli(['users', 'import', '--directory', 'staff']);
      expect(noFile.code).toBe(2);
      expect(noFile.stderr).toContain('expected 1 argument, got 0');
    });

    it('reports every bad line by number and reason, never printing a hash', async () => {
      const hash = await bcryptjs.hash(PASSWORD, 4);
      const file = await importFile([
        'not json at all',
        JSON.stringify({ email: 'nohash@example.com' }),
        JSON.stringify({ email: 'md5@example.com', passwordHash: '5f4dcc3b5aa765d61d8327deb882cf99' }),
        JSON.stringify({ email: 'not-an-address', passwordHash: hash }),
        JSON.stringify({ email: 'typo@example.com', password_hash: hash }),
        JSON.stringify({ email: 'flag@example.com', passwordHash: hash, disabled: 'yes' }),
        '',
      ]);
      const { code, stdout, stderr } = await cli(['users', 'import', '--directory', 'staff', file, '--json']);
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as { directory: string; imported: number; skipped: Array<{ line: number; reason: string }> };
      expect(report.directory).toBe('staff');
      expect(report.imported).toBe(0);
      expect(report.skipped.map((entry) => entry.line)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(report.skipped[0]?.reason).toBe('not valid JSON');
      expect(report.skipped[1]?.reason).toContain('passwordHash');
      expect(report.skipped[2]?.reason).toBe('passwordHash: is not an argon2id, bcrypt or trafficops-scrypt hash');
      expect(report.skipped[3]?.reason).toContain('email');
      expect(report.skipped[4]?.reason).toContain('password_hash');
      expect(report.skipped[5]?.reason).toContain('disabled');
      expect(stdout + stderr).not.toContain(hash);
      expect(stdout + stderr).not.toContain('5f4dcc3b');
    });

    // Needs the embedded directory's importUser (the engine branch): see the README, "Moving users in".
    it('imports argon2id, bcrypt ($2b$ and $2y$) and trafficops-scrypt hashes, after which each password logs in', async () => {
      const hashes = {
        argon2id: await createPasswordHasher({ format: 'argon2id' }).hash(PASSWORD),
        bcrypt2b: await createPasswordHasher({ format: 'bcrypt', bcryptCost: 4 }).hash(PASSWORD),
        bcrypt2y: await createPasswordHasher({ format: 'bcrypt', bcryptCost: 4, bcryptPrefix: '2y' }).hash(PASSWORD),
        scrypt: await createPasswordHasher({ format: 'trafficops-scrypt' }).hash(PASSWORD),
      };
      const file = await importFile([
        JSON.stringify({ email: 'argon@example.com', passwordHash: hashes.argon2id, name: 'Argon', locale: 'nl' }),
        JSON.stringify({ email: 'bcrypt-b@example.com', passwordHash: hashes.bcrypt2b }),
        JSON.stringify({ email: 'bcrypt-y@example.com', passwordHash: hashes.bcrypt2y }),
        JSON.stringify({ email: 'scrypt@example.com', passwordHash: hashes.scrypt, disabled: false }),
        JSON.stringify({ email: 'ARGON@example.com', passwordHash: hashes.bcrypt2b }),
      ]);
      const { code, stdout, stderr } = await cli(['users', 'import', '--directory', 'staff', file]);
      expect(stdout).toContain('imported 4 users into "staff", skipped 1');
      expect(stdout).toContain('line 5: an account with this address already exists in "staff"');
      expect(code).toBe(1);
      for (const hash of Object.values(hashes)) expect(stdout + stderr).not.toContain(hash);

      for (const email of ['argon@example.com', 'bcrypt-b@example.com', 'bcrypt-y@example.com', 'scrypt@example.com']) {
        const check = (password: string) =>
          cli(['users', 'check-password', '--directory', 'staff', '--email', email, '--password', password]);
        expect((await check(PASSWORD)).code).toBe(0);
        expect((await check('not-the-password-1')).code).toBe(1);
      }
      // Imported into "staff" only: the default directory has no such account.
      expect((await cli(['users', 'check-password', '--email', 'argon@example.com', '--password', PASSWORD])).code).toBe(1);
    });
  });
});
