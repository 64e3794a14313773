import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLegacyDeployment, type LegacyDeployment } from '../support/legacy-deployment.js';
import {
  accessTokenFor,
  call,
  mailIds,
  nextResetMail,
  PASSWORD_RESET,
  REMINDER_SENT,
  send,
  tokenFromMail,
  WRONG_PASSWORD,
  WRONG_TOKEN,
  WRONG_USER,
  type Encoding,
} from './teenquotes-support.js';

/** How the application presents its access token: the header the document shows, or the parameter. */
type TokenPlacement = 'header' | 'parameter';

describe('the Teen Quotes journey: /oauth → remind → the mailed token → reset → “password changed” → the new password works', () => {
  let deployment: LegacyDeployment;
  let credentials: { clientId: string; clientSecret: string };
  let users = 0;

  beforeAll(async () => {
    deployment = await startLegacyDeployment();
    credentials = await deployment.addClient({ name: 'Teen Quotes', legacyApis: ['teenquotes'] });
  });
  afterAll(async () => {
    await deployment?.close();
  });

  async function newUser(password = 'first password of mine'): Promise<{ email: string; userId: string; password: string }> {
    users += 1;
    const email = `teen${users}@quotes.example`;
    const created = await deployment.users.createUser({ email, password });
    if (!created.created) throw new Error('exists');
    return { email, userId: created.userId, password };
  }

  /** Calls a resource with the access token where the test wants it. */
  function authorized(
    path: '/v1/password/remind' | '/v1/password/reset',
    accessToken: string,
    placement: TokenPlacement,
    parameters: Record<string, string>,
    encoding: Encoding,
  ) {
    return placement === 'header'
      ? call(deployment, path, parameters, encoding, { authorization: `Bearer ${accessToken}` })
      : call(deployment, path, { ...parameters, access_token: accessToken }, encoding);
  }

  async function remindAndReadToken(
    accessToken: string,
    email: string,
    placement: TokenPlacement = 'header',
    encoding: Encoding = 'form',
  ): Promise<string> {
    const seen = await mailIds(deployment);
    const reminded = await authorized('/v1/password/remind', accessToken, placement, { email }, encoding);
    expect([reminded.status, reminded.json]).toEqual([200, REMINDER_SENT]);
    return tokenFromMail(await nextResetMail(deployment, email, seen));
  }

  const journeys: ReadonlyArray<readonly [Encoding, TokenPlacement]> = [
    ['form', 'header'],
    ['json', 'parameter'],
    ['form', 'parameter'],
    ['json', 'header'],
    ['multipart', 'header'],
    ['query', 'parameter'],
  ];

  for (const [encoding, placement] of journeys) {
    it(`works with every parameter as ${encoding} and the access token as the ${placement === 'header' ? 'Authorization header' : 'access_token parameter'}`, async () => {
      const user = await newUser();
      const tokenAnswer = await call(
        deployment,
        '/oauth',
        { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
        encoding,
      );
      expect(tokenAnswer.status).toBe(200);
      const accessToken = (tokenAnswer.json as { access_token: string }).access_token;

      const resetToken = await remindAndReadToken(accessToken, user.email, placement, encoding);
      const newPassword = `${encoding} ${placement} new password`;
      const reset = await authorized(
        '/v1/password/reset',
        accessToken,
        placement,
        { email: user.email, token: resetToken, password: newPassword },
        encoding,
      );
      expect([reset.status, reset.json]).toEqual([200, PASSWORD_RESET]);

      const changed = await deployment.waitForMail((mail) => mail.kind === 'password-changed' && mail.to === user.email);
      expect(changed.subject).toMatch(/password was changed/i);
      expect(await deployment.users.verifyPassword(user.userId, newPassword)).toBe(true);
      expect(await deployment.users.verifyPassword(user.userId, user.password)).toBe(false);
    });
  }

  it('gets the access token by HTTP Basic, as RFC 6749 §2.3.1 allows', async () => {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    const answer = await send(deployment, '/oauth', {
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(answer.status).toBe(200);
    const user = await newUser();
    await remindAndReadToken((answer.json as { access_token: string }).access_token, user.email);
  });

  it('reads a body parameter before a query parameter of the same name, and the query for what the body lacks, as Laravel 4’s Input::get', async () => {
    const accessToken = await accessTokenFor(deployment, credentials);
    const user = await newUser();
    const seen = await mailIds(deployment);
    const query = new URLSearchParams({ email: 'ghost@quotes.example', access_token: accessToken });
    const answer = await send(deployment, `/v1/password/remind?${query.toString()}`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email }).toString(),
    });
    expect([answer.status, answer.json]).toEqual([200, REMINDER_SENT]);
    await nextResetMail(deployment, user.email, seen);
  });

  it('spends the token once: the same token again answers wrong_token', async () => {
    const accessToken = await accessTokenFor(deployment, credentials);
    const user = await newUser();
    const resetToken = await remindAndReadToken(accessToken, user.email);
    const first = await authorized(
      '/v1/password/reset',
      accessToken,
      'header',
      { email: user.email, token: resetToken, password: 'once is enough 1' },
      'form',
    );
    expect(first.json).toEqual(PASSWORD_RESET);
    const again = await authorized(
      '/v1/password/reset',
      accessToken,
      'header',
      { email: user.email, token: resetToken, password: 'once is enough 2' },
      'form',
    );
    expect([again.status, again.json]).toEqual([400, WRONG_TOKEN]);
    expect(await deployment.users.verifyPassword(user.userId, 'once is enough 1')).toBe(true);
  });

  it('kills the older token when a newer remind is sent', async () => {
    const accessToken = await accessTokenFor(deployment, credentials);
    const user = await newUser();
    const older = await remindAndReadToken(accessToken, user.email);
    const newer = await remindAndReadToken(accessToken, user.email);
    expect(newer).not.toBe(older);
    const withOlder = await authorized(
      '/v1/password/reset',
      accessToken,
      'header',
      { email: user.email, token: older, password: 'the older link 1' },
      'form',
    );
    expect([withOlder.status, withOlder.json]).toEqual([400, WRONG_TOKEN]);
    const withNewer = await authorized(
      '/v1/password/reset',
      accessToken,
      'header',
      { email: user.email, token: newer, password: 'the newer link 1' },
      'form',
    );
    expect(withNewer.json).toEqual(PASSWORD_RESET);
  });

  it('checks the user, then the password, then the token — and a refused password does not spend the token', async () => {
    const accessToken = await accessTokenFor(deployment, credentials);
    const user = await newUser();
    const resetToken = await remindAndReadToken(accessToken, user.email);
    const attempt = (email: string, password: string, token: string) =>
      authorized('/v1/password/reset', accessToken, 'header', { email, token, password }, 'form');

    expect((await attempt('ghost@quotes.example', 'abc', 'not-a-token')).json).toEqual(WRONG_USER);
    expect((await attempt('not an address', 'abc', resetToken)).json).toEqual(WRONG_USER);
    expect((await attempt(user.email, 'abc', 'not-a-token')).json).toEqual(WRONG_PASSWORD);
    expect((await attempt(user.email, '12345', resetToken)).json).toEqual(WRONG_PASSWORD);
    expect((await attempt(user.email, user.password, resetToken)).json).toEqual(WRONG_PASSWORD);
    // Our policy's context words: the application's name (a documented deviation).
    expect((await attempt(user.email, 'i love teen quotes', resetToken)).json).toEqual(WRONG_PASSWORD);
    expect((await attempt(user.email, 'lighthouse forever 1', 'not-a-token')).json).toEqual(WRONG_TOKEN);
    expect((await attempt(user.email, 'lighthouse forever 1', resetToken)).json).toEqual(PASSWORD_RESET);
  });

  it('counts the password’s characters, not its bytes: five emoji are too short, six kanji are enough', async () => {
    const accessToken = await accessTokenFor(deployment, credentials);
    const user = await newUser();
    const resetToken = await remindAndReadToken(accessToken, user.email);
    const fiveEmoji = '😀🎉🌈🍀🚀'; // 10 UTF-16 units, 20 bytes
    const sixKanji = '海山川森空星'; // 6 characters, 18 bytes
    expect(
      (await authorized('/v1/password/reset', accessToken, 'header', { email: user.email, token: resetToken, password: fiveEmoji }, 'json'))
        .json,
    ).toEqual(WRONG_PASSWORD);
    expect(
      (await authorized('/v1/password/reset', accessToken, 'header', { email: user.email, token: resetToken, password: sixKanji }, 'json'))
        .json,
    ).toEqual(PASSWORD_RESET);
    expect(await deployment.users.verifyPassword(user.userId, sixKanji)).toBe(true);
  });

  it('refuses a token of another account, and a token another application asked for', async () => {
    const accessToken = await accessTokenFor(deployment, credentials);
    const [alice, bob] = [await newUser(), await newUser()];
    const alicesToken = await remindAndReadToken(accessToken, alice.email);
    const asBob = await authorized(
      '/v1/password/reset',
      accessToken,
      'header',
      { email: bob.email, token: alicesToken, password: 'not my token 1' },
      'form',
    );
    expect([asBob.status, asBob.json]).toEqual([400, WRONG_TOKEN]);

    const otherApp = await deployment.addClient({ name: 'Another Quotes App', legacyApis: ['teenquotes'] });
    const otherAccessToken = await accessTokenFor(deployment, otherApp);
    const fromOtherApp = await authorized(
      '/v1/password/reset',
      otherAccessToken,
      'header',
      { email: alice.email, token: alicesToken, password: 'not my app 1' },
      'form',
    );
    expect([fromOtherApp.status, fromOtherApp.json]).toEqual([400, WRONG_TOKEN]);
    expect(
      (
        await authorized(
          '/v1/password/reset',
          accessToken,
          'header',
          { email: alice.email, token: alicesToken, password: 'still mine 1' },
          'form',
        )
      ).json,
    ).toEqual(PASSWORD_RESET);
  });

  it('mails a link to the application’s registered reset URL when it has one', async () => {
    const app = await deployment.addClient({
      name: 'Quotes Web',
      legacyApis: ['teenquotes'],
      resetUrls: ['https://quotes-web.example/password/reset'],
    });
    const accessToken = await accessTokenFor(deployment, app);
    const user = await newUser();
    const seen = await mailIds(deployment);
    await authorized('/v1/password/remind', accessToken, 'header', { email: user.email }, 'form');
    const mail = await nextResetMail(deployment, user.email, seen);
    expect(mail.text).toMatch(/https:\/\/quotes-web\.example\/password\/reset#token=[A-Za-z0-9_-]{43}/);
    const reset = await authorized(
      '/v1/password/reset',
      accessToken,
      'header',
      { email: user.email, token: tokenFromMail(mail), password: 'from the web app 1' },
      'form',
    );
    expect(reset.json).toEqual(PASSWORD_RESET);
  });
});
