import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRangeApi, type FakeRangeApi } from '../../test/support/fake-range-api.js';
import { pwnedPasswordsCheck } from './pwned-passwords-check.js';

describe('pwnedPasswordsCheck', () => {
  let rangeApi: FakeRangeApi;
  beforeAll(async () => {
    rangeApi = await startFakeRangeApi({ breached: { 'seen twice': 2, 'seen once': 1 } });
  });
  afterAll(() => rangeApi.close());

  const check = (options: { minCount?: number; baseUrl?: string; failures?: string[] } = {}) =>
    pwnedPasswordsCheck({
      baseUrl: options.baseUrl ?? rangeApi.url,
      timeoutMs: 1000,
      minCount: options.minCount ?? 1,
      onFailure: (reason) => options.failures?.push(reason),
    });

  it('refuses only from the minimum count on', async () => {
    expect(await check().check('seen once')).toEqual({ status: 'breached' });
    expect(await check({ minCount: 2 }).check('seen once')).toEqual({ status: 'not-breached' });
    expect(await check({ minCount: 2 }).check('seen twice')).toEqual({ status: 'breached' });
    expect(await check().check('never seen at all')).toEqual({ status: 'not-breached' });
  });

  it('answers unavailable, and reports why, for a body that is not a range and for no server at all', async () => {
    const notARange = createServer((_request, response) => response.end('<html>maintenance</html>'));
    notARange.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => notARange.once('listening', () => resolve()));
    const failures: string[] = [];
    const port = (notARange.address() as AddressInfo).port;
    expect(await check({ baseUrl: `http://127.0.0.1:${port}`, failures }).check('seen once')).toEqual({
      status: 'unavailable',
      reason: 'body',
    });
    await new Promise((resolve) => notARange.close(resolve));
    // The port is closed now: the connection is refused.
    expect(await check({ baseUrl: `http://127.0.0.1:${port}`, failures }).check('seen once')).toEqual({
      status: 'unavailable',
      reason: 'network',
    });
    expect(failures).toEqual(['body', 'network']);
  });
});
