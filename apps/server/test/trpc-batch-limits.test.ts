import { RESET_ERROR_MESSAGES } from '@pwreset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TRPC_BATCH_SIZE } from '../src/http/trpc-batch-rules.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Issue 13, point 8: a batch may carry at most MAX_TRPC_BATCH_SIZE calls, and never a reset
// request, whose throttles, audit and equal timing count one HTTP request as one request.

interface ErrorEnvelope {
  readonly error: {
    readonly message: string;
    readonly data: { readonly resetCode: string; readonly httpStatus: number; readonly issues?: unknown };
  };
}

describe('batched tRPC calls', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  /** GET of the `policy` query `count` times in one batch. */
  async function batchOfPolicies(count: number): Promise<{ status: number; body: unknown }> {
    const paths = Array.from({ length: count }, () => 'passwordReset.policy').join(',');
    const response = await fetch(`${server.url}/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`);
    return { status: response.status, body: await response.json() };
  }

  async function postBatch(paths: readonly string[], inputs: readonly unknown[]): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.url}/trpc/${paths.join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.client.accessToken}` },
      body: JSON.stringify(Object.fromEntries(inputs.map((input, index) => [String(index), input]))),
    });
    return { status: response.status, body: await response.json() };
  }

  it(`answers a batch of ${MAX_TRPC_BATCH_SIZE} calls, each with its result`, async () => {
    const { status, body } = await batchOfPolicies(MAX_TRPC_BATCH_SIZE);
    expect(status).toBe(200);
    expect(body).toHaveLength(MAX_TRPC_BATCH_SIZE);
    for (const item of body as Array<{ result?: { data?: { minLength?: unknown } } }>)
      expect(item.result?.data?.minLength).toEqual(expect.any(Number));
  });

  it(`refuses a batch of ${MAX_TRPC_BATCH_SIZE + 1} calls with 400 INVALID_INPUT, in the usual envelope`, async () => {
    const { status, body } = await batchOfPolicies(MAX_TRPC_BATCH_SIZE + 1);
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: { message: RESET_ERROR_MESSAGES.INVALID_INPUT, data: { resetCode: 'INVALID_INPUT', httpStatus: 400 } },
    });
    expect(JSON.stringify(body)).not.toContain('stack');
  });

  it('refuses a batch containing passwordReset.request whole, and queues nothing', async () => {
    const email = 'batched@example.com';
    const created = await server.users.createUser({ email, password: 'original-password-1', name: 'Bat Ched' });
    expect(created.created).toBe(true);

    const { status, body } = await postBatch(['passwordReset.request', 'passwordReset.inspect'], [{ email }, { token: 'A'.repeat(43) }]);

    expect(status).toBe(400);
    expect(body).toHaveLength(2);
    for (const item of body as ErrorEnvelope[]) {
      expect(item.error).toMatchObject({
        message: RESET_ERROR_MESSAGES.INVALID_INPUT,
        data: { resetCode: 'INVALID_INPUT', httpStatus: 400, issues: [{ path: '', message: 'passwordReset.request cannot be batched' }] },
      });
    }
    expect(await server.mails()).toEqual([]);
    const counts = await server.composed.jobs.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('refuses passwordReset.request in a batch of one too, so a batching client fails at once', async () => {
    const { status, body } = await postBatch(['passwordReset.request'], [{ email: 'alone@example.com' }]);
    expect(status).toBe(400);
    expect(body).toMatchObject([{ error: { data: { resetCode: 'INVALID_INPUT' } } }]);
  });

  it('still answers passwordReset.request sent on its own, and sends its mail', async () => {
    const email = 'single@example.com';
    await server.users.createUser({ email, password: 'original-password-1', name: 'Sin Gle' });
    await expect(server.trpc.passwordReset.request.mutate({ email })).resolves.toEqual({ accepted: true });
    const mails = await server.mails();
    expect(mails.filter((mail) => mail.to === email && mail.kind === 'password-reset')).toHaveLength(1);
  });

  it('still answers a batch of other procedures', async () => {
    const { status, body } = await postBatch(
      ['passwordReset.inspect', 'passwordReset.inspect'],
      [{ token: 'A'.repeat(43) }, { token: 'B'.repeat(43) }],
    );
    expect(status).toBe(400);
    expect(body).toMatchObject([{ error: { data: { resetCode: 'TOKEN_INVALID' } } }, { error: { data: { resetCode: 'TOKEN_INVALID' } } }]);
  });
});
