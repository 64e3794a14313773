import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redisKeys } from '../../src/redis/redis-keys.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  GOOD_PASSWORD,
  launchChromium,
  readAxeSource,
  requestResetSecret,
  saveScreenshot,
  settledScreen,
  type AxeViolation,
  type SettledScreen,
  type BrowserGlobals,
} from './support/reset-page-browser.js';

// The "this wasn't me" page (`/secure`, issue 16 point 1) in Chromium against the real server and
// Redis: opening it changes nothing; one click secures the account and says what to do next.

const DISPUTE_LINK = /\/secure#token=([A-Za-z0-9_-]{43})/;
const CHOICE_HEADING = 'Wasn’t it you who changed your password?';

describe('the /secure page', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let userCount = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB' });
  });
  afterEach(async () => {
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A user whose password was just reset, and the dispute secret of their "password changed" mail. */
  async function changedUser(): Promise<{ email: string; userId: string; secret: string; link: string }> {
    userCount += 1;
    const email = `secure-reader${userCount}-${process.pid}@example.com`;
    const created = await server.users.createUser({ email, password: 'original-password-1', name: 'Robin' });
    if (!created.created) throw new Error('user exists');
    await server.publicTrpc.passwordReset.complete.mutate({ token: await requestResetSecret(server, email), password: GOOD_PASSWORD });
    const mail = (await server.mails()).find((candidate) => candidate.to === email && candidate.kind === 'password-changed');
    const secret = mail ? DISPUTE_LINK.exec(mail.text)?.[1] : undefined;
    if (!secret) throw new Error('no dispute link');
    return { email, userId: created.userId, secret, link: `${server.url}/secure#token=${secret}` };
  }

  const lockOf = (userId: string) =>
    server.redis.get(redisKeys(server.config.redisKeyPrefix).userDisputeLock({ directory: 'default', userId }));

  async function open(link: string): Promise<{ page: Page; requests: Request[] }> {
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(link);
    return { page, requests };
  }

  /**
   * Clicks the button and returns the screen the page settles on next: the heading before the
   * click stays up while the call runs, so the screen is read once it has gone.
   */
  async function clickSecure(page: Page): Promise<SettledScreen> {
    await page.getByRole('button', { name: 'Secure my account' }).click();
    await page.getByRole('heading', { level: 1, name: CHOICE_HEADING }).waitFor({ state: 'detached' });
    return settledScreen(page);
  }

  it('changes nothing when it is only opened: no call to the API, no lock, the link still works', async () => {
    const { userId, secret, link } = await changedUser();
    const { page, requests } = await open(link);
    expect(await settledScreen(page)).toEqual({ heading: CHOICE_HEADING, showsForm: false });
    await page.waitForLoadState('networkidle');
    expect(requests.filter((request) => new URL(request.url()).pathname.startsWith('/trpc/'))).toEqual([]);
    expect(await lockOf(userId)).toBeNull();
    // The secret left the address bar at once, and never went into a URL.
    expect(page.url()).toBe(`${server.url}/secure`);
    for (const request of requests) expect(request.url()).not.toContain(secret);
    await saveScreenshot(page, 'secure-before-click');
    expect(await server.publicTrpc.passwordReset.dispute.mutate({ token: secret })).toMatchObject({ disputed: true });
  });

  it('secures the account on one click (a POST), then says what happened and what to do next', async () => {
    const { email, userId, secret, link } = await changedUser();
    const { page, requests } = await open(link);
    expect((await clickSecure(page)).heading).toBe('Your account is secured');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('We cancelled every password reset of your account and will send no new reset email until');
    expect(text).toContain('Contact the application’s support');
    expect(await lockOf(userId)).not.toBeNull();

    const calls = requests.filter((request) => new URL(request.url()).pathname.startsWith('/trpc/'));
    expect(calls.map((request) => [request.method(), new URL(request.url()).pathname])).toEqual([['POST', '/trpc/passwordReset.dispute']]);
    expect(calls[0]?.postDataJSON()).toEqual({ token: secret });
    for (const request of requests) {
      expect(request.url()).not.toContain(secret);
      expect((await request.allHeaders())['referer'], request.url()).toBeUndefined();
    }
    await saveScreenshot(page, 'secure-done');

    // Locked: a new reset request is answered as ever, and mails nothing.
    const before = (await server.mails()).filter((mail) => mail.to === email).length;
    await server.trpc.passwordReset.request.mutate({ email });
    expect((await server.mails()).filter((mail) => mail.to === email)).toHaveLength(before);
  });

  it('says a used link was used, and an unknown one is not valid', async () => {
    const { secret, link } = await changedUser();
    await server.publicTrpc.passwordReset.dispute.mutate({ token: secret });
    const used = await open(link);
    expect(await clickSecure(used.page)).toEqual({ heading: 'This link has already been used', showsForm: false });

    const unknown = await open(`${server.url}/secure#token=${'A'.repeat(43)}`);
    expect((await clickSecure(unknown.page)).heading).toBe('This link is not valid');

    const bare = await open(`${server.url}/secure`);
    expect((await settledScreen(bare.page)).heading).toBe('This link is not valid');
  });

  it('speaks the browser’s language', async () => {
    const { link } = await changedUser();
    for (const [locale, heading, button] of [
      ['nl-NL', 'Heb jij je wachtwoord niet gewijzigd?', 'Beveilig mijn account'],
      ['es-ES', '¿No has sido tú quien ha cambiado la contraseña?', 'Proteger mi cuenta'],
      ['fr-FR', 'Ce n’est pas vous qui avez changé votre mot de passe\u00a0?', 'Sécuriser mon compte'],
    ] as const) {
      const localized = await browser.newContext({ locale });
      const page = await localized.newPage();
      await page.goto(link);
      expect((await settledScreen(page)).heading).toBe(heading);
      expect(await page.getByRole('button', { name: button }).count()).toBe(1);
      expect(
        await page.evaluate(
          () => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang,
        ),
      ).toBe(locale.slice(0, 2));
      await localized.close();
    }
  });

  it('has no serious or critical axe violation before the click, after it, and on a used link', async () => {
    const axeSource = await readAxeSource();
    // axe is injected as a script, which the page's CSP rightly refuses: this context alone bypasses it.
    const axeContext = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    async function seriousViolations(page: Page): Promise<AxeViolation[]> {
      await page.evaluate(axeSource);
      const { violations } = await page.evaluate(() => {
        const { axe, document } = globalThis as unknown as BrowserGlobals;
        if (!axe) throw new Error('axe-core did not load');
        return axe.run(document, { resultTypes: ['violations'] });
      });
      return violations.filter(({ impact }) => impact === 'serious' || impact === 'critical');
    }
    const { link } = await changedUser();
    for (const step of ['before', 'after', 'used'] as const) {
      const page = await axeContext.newPage();
      await page.goto(link);
      await settledScreen(page);
      if (step !== 'before') {
        await clickSecure(page);
        await page
          .getByRole('heading', { level: 1, name: step === 'after' ? 'Your account is secured' : 'This link has already been used' })
          .waitFor();
      }
      expect(await seriousViolations(page), step).toEqual([]);
    }
    await axeContext.close();
  });

  it('breaks no rule of its Content-Security-Policy', async () => {
    const { link } = await changedUser();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const globals = globalThis as unknown as BrowserGlobals;
      globals.cspViolations = [];
      globals.document.addEventListener('securitypolicyviolation', (event) => globals.cspViolations?.push(event.violatedDirective));
    });
    await page.goto(link);
    expect((await clickSecure(page)).heading).toBe('Your account is secured');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).cspViolations)).toEqual([]);
  });
});
