import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, BUILT_MAIN, BUILT_WORKER, runToCompletion, startServerProcess } from './support/server-process.js';

const INLINE_SECRET = 'inline-directory-secret-that-must-stay-unprinted';

describe('USER_DIRECTORIES_FILE at start (the built server process)', () => {
  let folder: string;
  let redis: PrivateRedis;

  async function directoriesFile(name: string, directories: unknown): Promise<string> {
    const path = join(folder, name);
    await writeFile(path, JSON.stringify(directories));
    return path;
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pwreset-directories-start-'));
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('lists an unknown kind, a bad identifier and a missing variable together with the environment’s problems, exit 2', async () => {
    const file = await directoriesFile('bad.json', {
      trafficops: {
        kind: 'postgres',
        url: { env: 'TO_DATABASE_URL' },
        table: 'tm_user; DROP TABLE tm_user',
        columns: { id: 'id', email: 'email', password: 'local passwd' },
        emailMatch: 'case-insensitive',
        passwordHash: 'trafficops-scrypt',
      },
      ldap: { kind: 'ldap', secret: INLINE_SECRET },
    });
    const { code, stderr } = await runToCompletion(BUILT_MAIN, [], { USER_DIRECTORIES_FILE: file, PORT: 'eighty', REDIS_URL: redis.url });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain('PORT must be a whole number');
    expect(stderr).toContain('directories.trafficops.url: environment variable TO_DATABASE_URL is not set');
    expect(stderr).toMatch(/directories\.trafficops\.table: must be a table name/);
    expect(stderr).toMatch(/directories\.trafficops\.columns\.password: must be a column name/);
    expect(stderr).toContain('directories.ldap.kind: must have a "kind" of redis, postgres, mysql, http');
    expect(stderr).not.toContain(INLINE_SECRET);
  });

  it('says when the file cannot be read, with the other problems', async () => {
    const missing = join(folder, 'absent.json');
    const { code, stderr } = await runToCompletion(BUILT_MAIN, [], { USER_DIRECTORIES_FILE: missing, RESET_TOKEN_TTL: '5w' });
    expect(code).toBe(2);
    expect(stderr).toContain(`USER_DIRECTORIES_FILE: cannot read ${missing} (ENOENT)`);
    expect(stderr).toContain('RESET_TOKEN_TTL');
  });

  it('refuses to start while active clients are bound to directories the file does not name, listing each, exit 2', async () => {
    const environment = { REDIS_URL: redis.url, NODE_ENV: 'test', LOG_LEVEL: 'silent', MAIL_OUTBOX_DIR: join(folder, 'outbox') };
    const withAll = await directoriesFile('all.json', {
      default: { kind: 'redis' },
      staff: { kind: 'redis' },
      partners: { kind: 'redis' },
    });
    const addClient = async (name: string, directory: string) => {
      const added = await runToCompletion(BUILT_CLI, ['clients', 'add', '--name', name, '--directory', directory, '--json'], {
        ...environment,
        USER_DIRECTORIES_FILE: withAll,
      });
      expect(added.code).toBe(0);
      return (JSON.parse(added.stdout) as { clientId: string }).clientId;
    };
    const staffClient = await addClient('Staff portal', 'staff');
    const partnerClient = await addClient('Partner portal', 'partners');
    const revokedClient = await addClient('Old portal', 'partners');
    const defaultClient = await addClient('Main app', 'default');
    expect(
      (await runToCompletion(BUILT_CLI, ['clients', 'revoke', revokedClient], { ...environment, USER_DIRECTORIES_FILE: withAll })).code,
    ).toBe(0);

    const onlyDefault = await directoriesFile('only-default.json', { default: { kind: 'redis' } });
    for (const entryPoint of [BUILT_MAIN, BUILT_WORKER]) {
      const refused = await runToCompletion(entryPoint, [], { ...environment, USER_DIRECTORIES_FILE: onlyDefault });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('Invalid configuration:');
      expect(refused.stderr).toContain(`client ${staffClient} (Staff portal) is bound to user directory "staff"`);
      expect(refused.stderr).toContain(`client ${partnerClient} (Partner portal) is bound to user directory "partners"`);
      expect(refused.stderr).not.toContain(revokedClient);
      expect(refused.stderr).not.toContain(defaultClient);
    }

    // With every directory named, the same clients start fine and /readyz lists each directory.
    const running = await startServerProcess({ ...environment, USER_DIRECTORIES_FILE: withAll });
    try {
      const ready = await fetch(`${running.url}/readyz`);
      expect(await ready.json()).toEqual({
        status: 'ready',
        redis: 'ok',
        mail: 'outbox',
        directories: { default: 'ok', staff: 'ok', partners: 'ok' },
      });
    } finally {
      expect(await running.stop()).toBe(0);
    }
  });
});
