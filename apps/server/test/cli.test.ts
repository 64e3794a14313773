import { DEFAULT_USER_DIRECTORY } from '@pwreset/contract/engine';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrivateRedis } from '@pwreset/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAuditLog } from '../src/audit/redis-audit-log.js';
import { CLI_COMMANDS } from '../src/cli/cli-commands.js';
import { DEMO_USER } from '../src/cli/commands/demo-commands.js';
import { DEVELOPMENT_TOKEN_PEPPER } from '../src/config/config-schema.js';
import { createLogger } from '../src/logger.js';
import { redisKeys } from '../src/redis/redis-keys.js';
import { redisUserDirectory } from '../src/users/redis-user-directory.js';
import { BUILT_CLI, runToCompletion } from './support/server-process.js';
import { startTestRedis, type TestRedis } from './support/test-redis.js';
import { singleKeyRing } from '../src/tokens/key-ring.js';

describe('the operator CLI (pnpm cli)', () => {
  // One node, or a cluster with PWRESET_TEST_REDIS=cluster (scripts/test.sh's second pass).
  let redis: TestRedis;
  let environment: Record<string, string>;
  const cli = (...args: string[]) => runToCompletion(BUILT_CLI, args, environment);

  beforeAll(async () => {
    redis = await startTestRedis();
    environment = { ...redis.environment, MAIL_OUTBOX_DIR: await mkdtemp(join(tmpdir(), 'pwreset-cli-')), NODE_ENV: 'test' };
  });
  afterAll(async () => {
    await redis.stop();
    await rm(environment.MAIL_OUTBOX_DIR!, { recursive: true, force: true });
  });

  it('adds a user and prints its id as JSON', async () => {
    const { code, stdout } = await cli(
      'users',
      'add',
      '--email',
      'Ann@Example.com',
      '--password',
      'ann-password-1',
      '--name',
      'Ann',
      '--locale',
      'nl',
      '--json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ userId: expect.stringMatching(/^usr_[0-9a-f]{32}$/) });
  });

  it('refuses a second user with the same address, whatever its case', async () => {
    const { code, stderr } = await cli('users', 'add', '--email', 'ann@EXAMPLE.com', '--password', 'other-password-1');
    expect(code).toBe(1);
    expect(stderr).toContain('already exists');
  });

  it('check-password exits 0 on a match and 1 otherwise', async () => {
    expect((await cli('users', 'check-password', '--email', 'ann@example.com', '--password', 'ann-password-1')).code).toBe(0);
    expect((await cli('users', 'check-password', '--email', 'ann@example.com', '--password', 'wrong-password')).code).toBe(1);
    expect((await cli('users', 'check-password', '--email', 'nobody@example.com', '--password', 'ann-password-1')).code).toBe(1);
  });

  it('reports usage errors with exit code 2 and every problem', async () => {
    const missing = await cli('users', 'add', '--email', 'not-an-address');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--email');
    expect(missing.stderr).toContain('--password');
    expect((await cli('users', 'frobnicate')).code).toBe(2);
  });

  it('adds a client, printing its credentials once; list and show never print them', async () => {
    const added = await cli(
      'clients',
      'add',
      '--name',
      'Acme',
      '--reset-url',
      'https://acme.example.com/reset',
      '--reset-url',
      'http://localhost:5173/reset',
      '--ttl',
      '3d',
      '--locale',
      'fr',
      '--min-password-length',
      '10',
      '--legacy',
      'antel,trafficops',
      '--webhook-url',
      'https://acme.example.com/hooks',
      '--sendgrid-template',
      `password-reset.nl=d-${'b'.repeat(32)}`,
      '--json',
    );
    expect(added.code).toBe(0);
    const credentials = JSON.parse(added.stdout) as { clientId: string; clientSecret: string; apiKey: string };
    expect(credentials).toEqual({
      clientId: expect.stringMatching(/^cl_/),
      clientSecret: expect.stringMatching(/^pwcs_/),
      apiKey: expect.stringMatching(/^pwak_/),
    });
    const shown = await cli('clients', 'show', credentials.clientId, '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      name: 'Acme',
      resetUrls: ['https://acme.example.com/reset', 'http://localhost:5173/reset'],
      ttlSeconds: 259_200,
      defaultLocale: 'fr',
      minPasswordLength: 10,
      legacyApis: ['antel', 'trafficops'],
      webhookUrl: 'https://acme.example.com/hooks',
      mailTemplateIds: { 'password-reset.nl': `d-${'b'.repeat(32)}` },
    });
    const listed = await cli('clients', 'list');
    for (const output of [shown.stdout, listed.stdout]) {
      expect(output).not.toContain(credentials.clientSecret);
      expect(output).not.toContain(credentials.apiKey);
    }
    expect(listed.stdout).toContain(credentials.clientId);

    const updated = await cli('clients', 'update', credentials.clientId, '--ttl', '1h', '--sender-name', 'Acme Support', '--json');
    expect(JSON.parse(updated.stdout)).toMatchObject({ ttlSeconds: 3600, senderName: 'Acme Support', name: 'Acme' });

    const rotated = await cli('clients', 'rotate-secret', credentials.clientId, '--json');
    expect(JSON.parse(rotated.stdout).clientSecret).not.toBe(credentials.clientSecret);
    expect((await cli('clients', 'revoke', credentials.clientId)).code).toBe(0);
    expect((await cli('clients', 'revoke', credentials.clientId)).stderr).toContain('revoked');
    expect((await cli('clients', 'show', 'cl_nope')).code).toBe(1);
  });

  it('refuses bad client settings, listing every problem, and stores nothing', async () => {
    const before = await cli('clients', 'list', '--json');
    const refused = await cli(
      'clients',
      'add',
      '--name',
      'Bad',
      '--reset-url',
      'http://evil.example.com/reset',
      '--ttl',
      '30m',
      '--legacy',
      'soap',
      '--min-password-length',
      '6',
      '--sendgrid-template',
      'password-reset.de=d-1',
    );
    expect(refused.code).toBe(2);
    for (const option of ['--reset-url', '--ttl', '--legacy', '--min-password-length', '--sendgrid-template'])
      expect(refused.stderr).toContain(option);
    expect((await cli('clients', 'add', '--name', 'Frag', '--reset-url', 'https://a.example.com/reset#x')).code).toBe(2);
    expect((await cli('clients', 'list', '--json')).stdout).toBe(before.stdout);
  });

  it('tails the audit trail, filtered by client or by address, without ever showing the address', async () => {
    const connection = redis.connect();
    const audit = redisAuditLog({
      redis: connection,
      key: 'pwreset:audit:{stream}',
      keyRing: singleKeyRing(DEVELOPMENT_TOKEN_PEPPER),
      maxEntries: 1000,
      logger: createLogger({ level: 'silent' }),
    });
    await audit.record({ action: 'request', outcome: 'accepted', clientId: 'cl_a', email: 'ann@example.com', ip: '192.0.2.1' });
    await audit.record({ action: 'request', outcome: 'throttled', clientId: 'cl_b', email: 'bob@example.com', ip: '192.0.2.2' });
    await audit.record({ action: 'complete', outcome: 'completed', clientId: 'cl_a', userId: 'usr_1', ip: '192.0.2.1' });
    connection.disconnect();

    const all = JSON.parse((await cli('audit', 'tail', '--json')).stdout) as Array<Record<string, string>>;
    expect(all.map((entry) => entry.outcome)).toEqual(['accepted', 'throttled', 'completed']);
    const forA = JSON.parse((await cli('audit', 'tail', '--client', 'cl_a', '--json')).stdout) as Array<Record<string, string>>;
    expect(forA.map((entry) => entry.action)).toEqual(['request', 'complete']);
    const forBob = JSON.parse((await cli('audit', 'tail', '--email', 'BOB@example.com', '--json')).stdout) as Array<Record<string, string>>;
    expect(forBob).toHaveLength(1);
    expect(forBob[0]).toMatchObject({ clientId: 'cl_b', outcome: 'throttled', ip: '192.0.2.2' });
    const human = (await cli('audit', 'tail', '--count', '2')).stdout;
    expect(human.trim().split('\n')).toHaveLength(2);
    expect(JSON.stringify(all) + human).not.toContain('example.com');
  });

  it('says clearly when Redis cannot be reached', async () => {
    const { code, stderr } = await runToCompletion(BUILT_CLI, ['users', 'check-password', '--email', 'a@example.com', '--password', 'x'], {
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot reach Redis');
  });
});

describe('pnpm cli demo seed', () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'pwreset-demo-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  /** A fresh Redis per test; the CLI runs in a scratch directory, where it keeps var/demo-client.json. */
  async function withRedis(
    test: (cli: (...args: string[]) => ReturnType<typeof runToCompletion>, redis: Redis) => Promise<void>,
  ): Promise<void> {
    const privateRedis = await startPrivateRedis();
    const connection = new Redis(privateRedis.url);
    const environment = { REDIS_URL: privateRedis.url, MAIL_OUTBOX_DIR: join(workDir, 'outbox'), NODE_ENV: 'test' };
    try {
      await test((...args) => runToCompletion(BUILT_CLI, args, environment, { cwd: workDir }), connection);
    } finally {
      connection.disconnect();
      await privateRedis.stop();
    }
  }

  it('seeds the demo once, and says how to try a reset', async () => {
    await withRedis(async (cli) => {
      const first = await cli('demo', 'seed');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('/oauth/token');
      expect(first.stdout).toContain('passwordReset.request');
      expect(first.stdout).toContain('demo@example.com');
      expect(first.stdout).toContain(`password: ${DEMO_USER.password}`);
      const again = await cli('demo', 'seed', '--json');
      const seeded = JSON.parse(again.stdout) as { clientId: string; created: boolean };
      expect(seeded).toMatchObject({ email: 'demo@example.com', created: false, passwordIsDemo: true });
      expect(first.stdout).toContain(seeded.clientId);
      const kept = JSON.parse(await readFile(join(workDir, 'var/demo-client.json'), 'utf8')) as { clientId: string };
      expect(kept.clientId).toBe(seeded.clientId);
    });
  });

  it('registers the demo client for all four legacy APIs', async () => {
    await withRedis(async (cli) => {
      const { clientId, legacyApis } = JSON.parse((await cli('demo', 'seed', '--json')).stdout) as {
        clientId: string;
        legacyApis: string[];
      };
      expect(legacyApis).toEqual(['cameramanager', 'trafficops', 'antel', 'teenquotes']);
      const shown = JSON.parse((await cli('clients', 'show', clientId, '--json')).stdout) as { legacyApis: string[] };
      expect([...shown.legacyApis].sort()).toEqual(['antel', 'cameramanager', 'teenquotes', 'trafficops']);
    });
  });

  it('goes without Traffic Ops when another client serves it, and says so', async () => {
    await withRedis(async (cli) => {
      const holder = JSON.parse((await cli('clients', 'add', '--name', 'Traffic Ops app', '--legacy', 'trafficops', '--json')).stdout) as {
        clientId: string;
      };
      const seeded = await cli('demo', 'seed', '--json');
      expect(seeded.code).toBe(0);
      expect((JSON.parse(seeded.stdout) as { legacyApis: string[] }).legacyApis).toEqual(['cameramanager', 'antel', 'teenquotes']);
      expect((await cli('demo', 'seed')).stdout).toContain(`trafficops is already served by client ${holder.clientId}`);
    });
  });

  it('no longer claims the demo password once it has been changed', async () => {
    await withRedis(async (cli, redis) => {
      expect((await cli('demo', 'seed')).code).toBe(0);
      const users = redisUserDirectory({ redis, keys: redisKeys('pwreset'), directory: DEFAULT_USER_DIRECTORY });
      const demo = await users.findByEmail(DEMO_USER.email);
      if (!demo) throw new Error('the demo user was not created');
      await users.setPassword(demo.id, 'a new passphrase');
      const after = await cli('demo', 'seed');
      expect(after.code).toBe(0);
      expect(after.stdout).not.toContain(DEMO_USER.password);
      expect(after.stdout).toContain('its password was changed');
      expect(JSON.parse((await cli('demo', 'seed', '--json')).stdout)).toMatchObject({ created: false, passwordIsDemo: false });
    });
  });
});

describe('pnpm cli --help', () => {
  const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
  const GROUPS = [...new Set(CLI_COMMANDS.map((command) => command.name.split(' ')[0]!))].join('|');

  /** Every option the README documents, by command: its `pnpm cli …` lines, the "Operating it" list, and the client option table. */
  function documentedOptions(readme: string): Map<string, Set<string>> {
    const documented = new Map<string, Set<string>>();
    const note = (command: string, text: string) => {
      const options = documented.get(command) ?? new Set<string>();
      for (const option of text.match(/--[a-z][a-z-]*/g) ?? []) options.add(option);
      documented.set(command, options);
    };
    // A command is one word (`backup`) or two (`clients add`); an option (`--out`) is never its second word.
    for (const match of readme.matchAll(new RegExp(`pnpm cli ((?:${GROUPS})(?: [a-z][a-z-]*)?)([^\`#\\n]*)`, 'g')))
      note(match[1]!, match[2]!);
    const operating = readme.slice(readme.indexOf('## Operating it'), readme.indexOf('\n## ', readme.indexOf('## Operating it') + 1));
    for (const match of operating.matchAll(new RegExp(`^\\s*- \`((?:${GROUPS}))(?: ([a-z][a-z|-]*))?([^\`]*)\``, 'gm'))) {
      for (const action of match[2]?.split('|') ?? ['']) note(action ? `${match[1]} ${action}` : match[1]!, match[3]!);
    }
    // The client options table documents `clients add`; `clients update` takes "the options of add".
    const table = [...readme.matchAll(/^\| `(--[a-z-]+)/gm)].map((match) => match[1]!).join(' ');
    note('clients add', table);
    note('clients update', table);
    // "`--json` for machine-readable output", on every command.
    for (const command of documented.keys()) note(command, '--json');
    return documented;
  }

  it('finds what the README documents (the parser itself works)', async () => {
    const documented = documentedOptions(await readFile(README, 'utf8'));
    expect([...(documented.get('clients add') ?? [])]).toEqual(
      expect.arrayContaining(['--name', '--reset-url', '--ttl', '--legacy', '--webhook-url', '--json']),
    );
    expect([...(documented.get('audit tail') ?? [])]).toEqual(expect.arrayContaining(['--client', '--email', '--count']));
    expect(documented.has('clients rotate-api-key')).toBe(true);
  });

  it('prints every command on stdout with exit 0, even when the environment is invalid', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const help = await runToCompletion(BUILT_CLI, args, { PORT: 'abc' });
      expect([help.code, help.stderr]).toEqual([0, '']);
      for (const command of CLI_COMMANDS) expect(help.stdout).toContain(command.name);
    }
  });

  it('lists, in each command’s --help, every option the README documents for it', async () => {
    const documented = documentedOptions(await readFile(README, 'utf8'));
    // The other way round too: the README documents every command there is.
    expect([...documented.keys()].sort()).toEqual(CLI_COMMANDS.map((command) => command.name).sort());
    for (const [command, options] of documented) {
      const help = await runToCompletion(BUILT_CLI, [...command.split(' '), '--help'], {});
      expect([command, help.code, help.stderr]).toEqual([command, 0, '']);
      expect(help.stdout).toContain(`usage: pnpm cli ${command}`);
      for (const option of options) expect(help.stdout, `${command} --help lists ${option}`).toMatch(new RegExp(`^  ${option}\\b`, 'm'));
    }
    // One process per command, run one after another: a budget for a loaded machine, not a speed limit.
  }, 120_000);

  it('answers `help <command>` and a group’s --help the same way', async () => {
    const viaWord = await runToCompletion(BUILT_CLI, ['help', 'clients', 'add'], {});
    const viaFlag = await runToCompletion(BUILT_CLI, ['clients', 'add', '--help'], {});
    expect([viaWord.code, viaWord.stdout]).toEqual([0, viaFlag.stdout]);
    const group = await runToCompletion(BUILT_CLI, ['mail', '--help'], {});
    expect(group.code).toBe(0);
    for (const command of ['mail outbox', 'mail failed', 'mail retry']) expect(group.stdout).toContain(command);
    expect(group.stdout).not.toContain('clients add');
  });

  it('treats no arguments, or an unknown command, as a usage error: exit 2, usage on stderr', async () => {
    for (const args of [[], ['frobnicate'], ['users', 'frobnicate']]) {
      const run = await runToCompletion(BUILT_CLI, args, {});
      expect([run.code, run.stdout]).toEqual([2, '']);
      expect(run.stderr).toContain('usage: pnpm cli <command>');
    }
  });
});
