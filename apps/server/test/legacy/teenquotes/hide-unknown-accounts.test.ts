import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import { expectConforms } from '../support/openapi-contract.js';
import { accessTokenFor, call, mailIds, nextResetMail, REMINDER_SENT, validator, WRONG_USER, type Answer } from './teenquotes-support.js';

const KNOWN = 'known@quotes.example';

interface Setup {
  readonly deployment: LegacyDeployment;
  readonly accessToken: string;
}

async function setUp(environment: Record<string, string>): Promise<Setup> {
  const deployment = await startLegacyDeployment(environment);
  const credentials = await deployment.addClient({ name: 'Teen Quotes', legacyApis: ['teenquotes'] });
  await deployment.users.createUser({ email: KNOWN, password: 'known user password' });
  return { deployment, accessToken: await accessTokenFor(deployment, credentials) };
}

/** Reminds the unknown address, then the known one, and waits for the known one's mail: the queue is in order. */
async function remindBoth(
  { deployment, accessToken }: Setup,
  unknown: string,
): Promise<{ unknownAnswer: Answer; knownAnswer: Answer; mailsToUnknown: number }> {
  const seen = await mailIds(deployment);
  const remind = (email: string) => call(deployment, '/v1/password/remind', { email }, 'form', { authorization: `Bearer ${accessToken}` });
  const unknownAnswer = await remind(unknown);
  const knownAnswer = await remind(KNOWN);
  await nextResetMail(deployment, KNOWN, seen);
  const mailsToUnknown = (await deployment.mails()).filter((mail) => mail.to === unknown).length;
  return { unknownAnswer, knownAnswer, mailsToUnknown };
}

describe('LEGACY_HIDE_UNKNOWN_ACCOUNTS on POST /v1/password/remind, both ways', () => {
  let revealing: Setup;
  let hiding: Setup;

  beforeAll(async () => {
    [revealing, hiding] = await Promise.all([setUp({}), setUp({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true' })]);
  });
  afterAll(async () => {
    await Promise.all([revealing?.deployment.close(), hiding?.deployment.close()]);
  });

  it('by default answers the document’s 400 wrong_user for an address without an account, and mails nobody', async () => {
    const { unknownAnswer, knownAnswer, mailsToUnknown } = await remindBoth(revealing, 'ghost1@quotes.example');
    expect([knownAnswer.status, knownAnswer.json]).toEqual([200, REMINDER_SENT]);
    expect([unknownAnswer.status, unknownAnswer.json]).toEqual([400, WRONG_USER]);
    expect(mailsToUnknown).toBe(0);
  });

  it('when on, answers an address without an account with the very status, headers and bytes a known one gets, and mails nobody', async () => {
    const { unknownAnswer, knownAnswer, mailsToUnknown } = await remindBoth(hiding, 'ghost2@quotes.example');
    expect([knownAnswer.status, knownAnswer.json]).toEqual([200, REMINDER_SENT]);
    expect([unknownAnswer.status, unknownAnswer.contentType, unknownAnswer.body]).toEqual([
      knownAnswer.status,
      knownAnswer.contentType,
      knownAnswer.body,
    ]);
    const headerNames = (answer: Answer) => [...answer.headers.keys()].filter((name) => !['date', 'x-request-id'].includes(name)).sort();
    expect(headerNames(unknownAnswer)).toEqual(headerNames(knownAnswer));
    expect(mailsToUnknown).toBe(0);
  });

  it('when on, still answers wrong_user for a missing or malformed address, which nobody could own', async () => {
    for (const parameters of [{}, { email: 'not an address' }, { email: `${'a'.repeat(250)}@quotes.example` }] as Array<
      Record<string, string>
    >) {
      const answer = await call(hiding.deployment, '/v1/password/remind', parameters, 'form', {
        authorization: `Bearer ${hiding.accessToken}`,
      });
      expect([answer.status, answer.json]).toEqual([400, WRONG_USER]);
    }
  });
});

describe('LEGACY_HIDE_UNKNOWN_ACCOUNTS on POST /v1/password/reset', () => {
  let revealing: Setup;
  let hiding: Setup;

  beforeAll(async () => {
    [revealing, hiding] = await Promise.all([setUp({}), setUp({ LEGACY_HIDE_UNKNOWN_ACCOUNTS: 'true' })]);
  });
  afterAll(async () => {
    await Promise.all([revealing?.deployment.close(), hiding?.deployment.close()]);
  });

  const reset = ({ deployment, accessToken }: Setup, email: string, password: string) =>
    call(deployment, '/v1/password/reset', { email, token: 'not-a-token-we-issued', password }, 'form', {
      authorization: `Bearer ${accessToken}`,
    });

  it('by default names an unknown account first (wrong_user), as the document orders', async () => {
    const answer = await reset(revealing, 'ghost3@quotes.example', 'long enough passphrase');
    expect(answer.json).toEqual(WRONG_USER);
    expectConforms(validator.operation('/v1/password/reset', 'post', answer), 'reset of an unknown account');
  });

  it('when on, answers an unknown account exactly as a known one with a bad token or a refused password', async () => {
    for (const password of ['long enough passphrase', 'abc']) {
      const unknown = await reset(hiding, 'ghost4@quotes.example', password);
      const known = await reset(hiding, KNOWN, password);
      expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
      expect(unknown.json).not.toEqual(WRONG_USER);
      expectConforms(validator.operation('/v1/password/reset', 'post', unknown), 'reset of an unknown account, hidden');
    }
  });
});
