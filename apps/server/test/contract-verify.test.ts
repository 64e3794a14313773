import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CHECKS, runVerification } from '@pwreset/contract-verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAlteringProxy } from './support/altering-proxy.js';
import { runToCompletion } from './support/server-process.js';
import { registerClient, startTestServer, type TestServer } from './support/test-server.js';

const KIT_CLI = fileURLToPath(new URL('../../../packages/contract-verify/dist/cli.js', import.meta.url));

describe('the contract verification kit', () => {
  let server: TestServer;
  let credentials: { baseUrl: string; clientId: string; clientSecret: string; apiKey: string };

  beforeAll(async () => {
    server = await startTestServer();
    // One application allowed every legacy API the deployment serves, as an operator would set it up.
    const client = await registerClient(server.composed, server.url, {
      name: 'Verifier',
      legacyApis: ['cameramanager', 'trafficops', 'antel', 'teenquotes'],
      ttlSeconds: 86_400,
    });
    credentials = { baseUrl: server.url, clientId: client.clientId, clientSecret: client.clientSecret, apiKey: client.apiKey };
  });
  afterAll(async () => {
    await server.close();
  });

  it('passes every non-mutating check against the real server, and skips the mutating ones', async () => {
    const report = await runVerification({ ...credentials, checks: ALL_CHECKS });
    if (!report.identified) throw new Error(report.reason);
    expect(new Set(report.results.map((result) => result.check.contract))).toEqual(
      new Set(['trpc', 'cameramanager', 'trafficops', 'antel', 'teenquotes']),
    );
    const failures = report.results.filter((result) => result.outcome.status === 'fail');
    expect(failures.map((result) => `${result.check.id}: ${JSON.stringify(result.outcome)}`)).toEqual([]);
    const skipped = report.results.filter((result) => result.outcome.status === 'skip').map((result) => result.check.id);
    expect(skipped).toEqual(report.results.filter((result) => result.check.mutates).map((result) => result.check.id));
    expect(report.results.length).toBeGreaterThanOrEqual(10);
  });

  it('with --email runs the request side too, and it passes', async () => {
    await server.users.createUser({ email: 'operator@example.com', password: 'operator-password-1' });
    const report = await runVerification({ ...credentials, email: 'operator@example.com', checks: ALL_CHECKS });
    if (!report.identified) throw new Error(report.reason);
    expect(
      report.results
        .filter((result) => result.outcome.status !== 'pass')
        .map((result) => `${result.check.id}: ${JSON.stringify(result.outcome)}`),
    ).toEqual([]);
    expect((await server.mails()).some((mail) => mail.to === 'operator@example.com')).toBe(true);
  });

  it('skips the checks of every legacy API the client is not registered for, saying so, and runs the others', async () => {
    const antelOnly = await registerClient(server.composed, server.url, { name: 'Antel only', legacyApis: ['antel'] });
    const report = await runVerification({
      baseUrl: server.url,
      clientId: antelOnly.clientId,
      clientSecret: antelOnly.clientSecret,
      apiKey: antelOnly.apiKey,
      checks: ALL_CHECKS,
    });
    if (!report.identified) throw new Error(report.reason);
    const legacy = report.results.filter((result) => result.check.contract !== 'trpc' && !result.check.mutates);
    for (const contract of ['cameramanager', 'trafficops', 'teenquotes'] as const) {
      const ofContract = legacy.filter((result) => result.check.contract === contract);
      expect(ofContract.length).toBeGreaterThan(0);
      expect(ofContract.map((result) => result.outcome)).toEqual(
        ofContract.map(() => ({ status: 'skip', reason: `client not registered for ${contract}` })),
      );
    }
    const antel = legacy.filter((result) => result.check.contract === 'antel');
    expect(antel.length).toBeGreaterThan(0);
    expect(antel.map((result) => `${result.check.id}: ${result.outcome.status}`)).toEqual(
      antel.map((result) => `${result.check.id}: pass`),
    );
    expect(report.results.find((result) => result.check.id === 'trpc.client.whoami')?.outcome).toEqual({ status: 'pass' });
  });

  it('fails the legacy checks, rather than skipping them, when client.whoami cannot say what the client may use', async () => {
    const broken = await startAlteringProxy(server.url, (path) =>
      path === '/trpc/client.whoami' ? { status: 404, body: '{}' } : undefined,
    );
    try {
      const report = await runVerification({ ...credentials, baseUrl: broken.url, checks: ALL_CHECKS, only: ['trafficops'] });
      if (!report.identified) throw new Error(report.reason);
      const runnable = report.results.filter((result) => !result.check.mutates);
      expect(runnable.length).toBeGreaterThan(0);
      for (const result of runnable) {
        expect(result.outcome).toEqual({
          status: 'fail',
          reason: expect.stringContaining('cannot tell whether the client is registered for trafficops'),
        });
      }
    } finally {
      await broken.close();
    }
  });

  it('fails against a deployment whose route answers the wrong shape, naming the check', async () => {
    const broken = await startAlteringProxy(server.url, (path) =>
      path === '/trpc/passwordReset.inspect'
        ? { status: 400, body: JSON.stringify({ error: { message: 'nope', code: -32600, data: { code: 'BAD_REQUEST' } } }) }
        : undefined,
    );
    try {
      const report = await runVerification({ ...credentials, baseUrl: broken.url, checks: ALL_CHECKS });
      if (!report.identified) throw new Error(report.reason);
      const failed = report.results.filter((result) => result.outcome.status === 'fail').map((result) => result.check.id);
      expect(failed).toEqual(['trpc.inspect.unknown-secret']);
    } finally {
      await broken.close();
    }
  });

  it('catches a legacy route whose body drifts from its OpenAPI document, naming the check', async () => {
    const broken = await startAlteringProxy(server.url, (path, response) =>
      path.startsWith('/rest/v2.0/contractVerify')
        ? { status: 404, body: JSON.stringify({ code: 'not-an-integer', title: 'Not found' }) }
        : response.status === 0
          ? response
          : undefined,
    );
    try {
      const report = await runVerification({ ...credentials, baseUrl: broken.url, checks: ALL_CHECKS, only: ['cameramanager'] });
      if (!report.identified) throw new Error(report.reason);
      const failed = report.results.filter((result) => result.outcome.status === 'fail');
      expect(failed.map((result) => result.check.id)).toEqual(['cameramanager.unknown-path']);
      expect(failed[0]?.outcome).toMatchObject({ reason: expect.stringContaining('body/code') });
    } finally {
      await broken.close();
    }
  });

  it('says the base URL is not this service, rather than listing failures', async () => {
    const elsewhere = await startAlteringProxy(server.url, () => ({ status: 404, body: 'nginx' }));
    try {
      const report = await runVerification({ ...credentials, baseUrl: elsewhere.url, checks: ALL_CHECKS });
      expect(report).toMatchObject({ identified: false, reason: expect.stringContaining('/healthz') });
    } finally {
      await elsewhere.close();
    }
  });

  it('as a command: takes the secrets from PWRESET_CLIENT_SECRET and PWRESET_API_KEY, so the command line holds none', async () => {
    const args = ['--base-url', server.url, '--client-id', credentials.clientId, '--only', 'trpc,antel'];
    const passing = await runToCompletion(KIT_CLI, args, {
      PWRESET_CLIENT_SECRET: credentials.clientSecret,
      PWRESET_API_KEY: credentials.apiKey,
    });
    expect([passing.code, passing.stderr]).toEqual([0, '']);
    expect(passing.stdout).toMatch(/antel\.reset\.validation\s+PASS/);
    expect(passing.stdout).toMatch(/oauth\.token\.issued\s+PASS/);
    expect(passing.stdout).not.toContain('needs --api-key');
    const withoutSecret = await runToCompletion(KIT_CLI, args, {});
    expect(withoutSecret.code).toBe(2);
    expect(withoutSecret.stderr).toContain('--client-secret: is required (or set PWRESET_CLIENT_SECRET)');
  });

  it('as a command: --help prints the usage, its options and environment variables, on stdout with exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const help = await runToCompletion(KIT_CLI, [flag], {});
      expect([help.code, help.stderr]).toEqual([0, '']);
      for (const text of [
        '--base-url',
        '--client-id',
        '--client-secret',
        '--api-key',
        '--email',
        '--only',
        '--junit',
        'PWRESET_CLIENT_SECRET',
        'PWRESET_API_KEY',
      ]) {
        expect(help.stdout).toContain(text);
      }
    }
  });

  it('as a command: prints the table, writes JUnit, and exits 0, 1 or 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pwreset-verify-'));
    try {
      const args = [
        '--base-url',
        server.url,
        '--client-id',
        credentials.clientId,
        '--client-secret',
        credentials.clientSecret,
        '--api-key',
        credentials.apiKey,
        '--only',
        'trpc,antel',
      ];
      const passing = await runToCompletion(KIT_CLI, [...args, '--junit', join(dir, 'report.xml')], {});
      expect(passing.code).toBe(0);
      expect(passing.stdout).toMatch(/trpc\.policy\s+PASS/);
      const junit = await readFile(join(dir, 'report.xml'), 'utf8');
      expect(junit).toContain('<testsuite name="pwreset trpc"');
      expect(junit).toMatch(/failures="0"/);

      const broken = await startAlteringProxy(server.url, (path, response) =>
        path === '/trpc/passwordReset.policy'
          ? undefined
          : path === '/oauth/token' && response.status === 401
            ? { status: 400, body: '{}' }
            : undefined,
      );
      try {
        const failing = await runToCompletion(KIT_CLI, ['--base-url', broken.url, ...args.slice(2)], {});
        expect(failing.code).toBe(1);
        expect(failing.stdout).toMatch(/oauth\.token\.invalid-client\s+FAIL/);
      } finally {
        await broken.close();
      }
      expect((await runToCompletion(KIT_CLI, ['--base-url', 'http://127.0.0.1:1', ...args.slice(2)], {})).code).toBe(2);
      expect((await runToCompletion(KIT_CLI, ['--base-url', 'not a url'], {})).code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
