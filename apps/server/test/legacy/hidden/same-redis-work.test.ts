import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRedisCommands, type RedisCommandRecorder } from '../../support/redis-command-recorder.js';
import { legacyCallers, type AddressCall, type LegacyCallers } from '../support/legacy-callers.js';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { addressOfLength } from '../support/long-addresses.js';

// With LEGACY_HIDE_UNKNOWN_ACCOUNTS on, an unknown account must cost what a known one costs, or
// the time of the answer names it. Redis is where that work happens, so the commands it runs for
// a known and an unknown address must be the same, one for one, keys' contents aside.
const KNOWN = 'known.member@example.com';

const TITLE = 'with LEGACY_HIDE_UNKNOWN_ACCOUNTS on, every legacy route does the same Redis work for an unknown account as for a known one';

describe(TITLE, () => {
  let deployment: LegacyDeployment;
  let callers: LegacyCallers;
  let recorder: RedisCommandRecorder;
  let unknownCount = 0;
  const unknownAddress = () => `unknown.${(unknownCount += 1)}@example.com`;

  beforeAll(async () => {
    // No worker: the commands Redis sees are the request's alone.
    deployment = await startLegacyDeployment({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true', MAIL_WORKER: 'false' });
    callers = await legacyCallers(deployment);
    expect((await deployment.users.createUser({ email: KNOWN, password: 'the known password 1' })).created).toBe(true);
    recorder = await recordRedisCommands(deployment.redisUrl());
  });
  afterAll(async () => {
    recorder?.close();
    await deployment?.close();
  });

  async function compare(call: AddressCall, unknown: string): Promise<void> {
    // Warm up both kinds, so scripts are loaded (EVALSHA, not EVAL) and connections open for both alike.
    for (const email of [KNOWN, unknownAddress(), KNOWN, unknownAddress()]) await call(email);
    let knownStatus = 0;
    let unknownStatus = 0;
    const known = await recorder.commandsOf(async () => (knownStatus = await call(KNOWN)));
    const unknownCommands = await recorder.commandsOf(async () => (unknownStatus = await call(unknown)));
    expect(unknownStatus).toBe(knownStatus);
    expect(known.length, 'the known address reached Redis').toBeGreaterThan(3);
    expect(unknownCommands).toEqual(known);
  }

  const sides = () => ({ ...callers.requests, ...callers.completions });
  for (const route of [
    'Cameramanager POST /rest/v2.0/passwordResets',
    'Traffic Ops POST /api/5.0/user/reset_password',
    'Antel POST /user/password/forgot',
    'Teen Quotes POST /v1/password/remind',
    'Antel POST /user/password/reset',
    'Teen Quotes POST /v1/password/reset',
  ]) {
    it(`${route}: an unknown address`, async () => {
      await compare(sides()[route]!, unknownAddress());
    });
  }

  const routesWithoutALengthLimit = [
    'Traffic Ops POST /api/5.0/user/reset_password',
    'Antel POST /user/password/forgot',
    'Antel POST /user/password/reset',
  ];
  for (const route of routesWithoutALengthLimit) {
    it(`${route}: an address longer than any account’s`, async () => {
      await compare(sides()[route]!, addressOfLength(1000));
    });
  }
});
