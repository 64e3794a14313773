import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/users/password-hashing.js';
import type { ReceivedMailRequest } from '../support/fake-sendgrid.js';
import { sendGridMailSendSchema } from '../support/sendgrid-schema.js';
import { runCli } from '../support/server-process.js';

// What the fault tests share: accounts and a client made with the built CLI, reset requests over
// HTTP, and reading the fake SendGrid's mails and the server's JSON log.

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** The environment of a built server sending through the fake SendGrid at `sendGridUrl`, with throttles loose enough for a load. */
export function faultTestEnvironment(
  redisUrl: string,
  sendGridUrl: string,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    REDIS_URL: redisUrl,
    SENDGRID_API_KEY: 'SG.fault-test-key',
    SENDGRID_API_URL: sendGridUrl,
    MAIL_FROM: 'reset@example.com',
    RATE_LIMIT_REQUESTS_PER_ADDRESS: '100000/1h',
    RATE_LIMIT_REQUESTS_PER_IP: '1000000/1h',
    RATE_LIMIT_REQUESTS_PER_CLIENT: '1000000/1h',
    LOG_LEVEL: 'info',
    ...overrides,
  };
}

export { runCli };

/** Adds accounts for `emails` to the embedded directory in one `users import` (one hash for all: only the addresses matter here). */
export async function importUsers(environment: Record<string, string>, emails: readonly string[]): Promise<void> {
  const passwordHash = await hashPassword('an old password of the fault tests');
  const folder = await mkdtemp(join(tmpdir(), 'pwreset-fault-users-'));
  try {
    const file = join(folder, 'users.jsonl');
    await writeFile(file, emails.map((email) => JSON.stringify({ email, passwordHash, name: 'Fault User' })).join('\n'));
    await runCli(environment, ['users', 'import', '--directory', 'default', file]);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Registers a client with the built CLI and returns its credentials. */
export async function addClient(environment: Record<string, string>): Promise<{ clientId: string; clientSecret: string }> {
  return JSON.parse(await runCli(environment, ['clients', 'add', '--name', 'Fault App', '--json'])) as {
    clientId: string;
    clientSecret: string;
  };
}

export async function accessTokenFor(url: string, client: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
  });
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** One `passwordReset.request`; resolves with its status (the body is read, so the connection is free). */
export async function requestReset(url: string, accessToken: string, email: string): Promise<number> {
  const response = await fetch(`${url}/trpc/passwordReset.request`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ email }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Whom a mail that reached the fake SendGrid was for, and the job that sent it (`custom_args.job_id`). */
export function mailOf(request: Pick<ReceivedMailRequest, 'body'>): { recipient: string; jobId: string } {
  const payload = sendGridMailSendSchema.parse(request.body);
  const recipient = payload.personalizations[0]?.to[0]?.email;
  const jobId = payload.custom_args?.job_id;
  if (recipient === undefined || jobId === undefined) throw new Error('a mail without a recipient or a job id');
  return { recipient, jobId };
}

export function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Waits for an event the test cannot be told of (a mail arriving, a log line); fails naming it after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
