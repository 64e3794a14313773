import type { Browser, BrowserContext, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RESET_PAGE_CONTENT_SECURITY_POLICY } from '../../src/hosted-page/hosted-reset-page.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { GOOD_PASSWORD, launchChromium, userWithResetLink, waitForHeading, type BrowserGlobals } from './support/reset-page-browser.js';

/** The whole page, as a browser loads it (HTML, every module, the style sheet), uncompressed. */
const PAGE_BUDGET_BYTES = 30 * 1024;

describe('the hosted reset page keeps the secret to itself', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('never sends the secret in a URL or a Referer, and drops it from the address bar at once', async () => {
    const { secret, link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');
    expect(page.url()).toBe(`${server.url}/reset`);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).location.href)).not.toContain('token');
    await page.getByLabel('New password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('New password, again').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForHeading(page, 'Your password has been changed');

    expect(requests.map((request) => new URL(request.url()).pathname)).toEqual(
      expect.arrayContaining([
        '/reset',
        '/reset/assets/hosted-page-entry.js',
        '/trpc/passwordReset.inspect',
        '/trpc/passwordReset.complete',
      ]),
    );
    for (const request of requests) {
      expect(request.url()).not.toContain(secret);
      const headers = await request.allHeaders();
      expect(headers['referer'], request.url()).toBeUndefined();
      for (const value of Object.values(headers)) expect(value).not.toContain(secret);
    }
    // The secret travels only in the bodies of the two POSTs, and stays nowhere in the page.
    const posts = requests.filter((request) => request.method() === 'POST');
    expect(posts.map((request) => request.postDataJSON() as { token: string })).toEqual([
      { token: secret },
      { token: secret, password: GOOD_PASSWORD },
    ]);
    expect(await page.content()).not.toContain(secret);
    expect(
      await page.evaluate(() => {
        const { localStorage, sessionStorage } = globalThis as unknown as BrowserGlobals;
        return localStorage.length + sessionStorage.length;
      }),
    ).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.cookie)).toBe('');
  });

  it('answers with a strict CSP, no-referrer, no-store and no framing, and the page has no inline script or style', async () => {
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/reset`);
    if (!response) throw new Error('no response');
    const headers = await response.allHeaders();
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(headers['content-security-policy']).toBe(RESET_PAGE_CONTENT_SECURITY_POLICY);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc="\/reset\/assets\/[^"]+"/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    // And what the script builds has no inline style either.
    await waitForHeading(page, 'This link is not valid');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as BrowserGlobals).document.querySelectorAll('[style], style, script:not([src])').length,
      ),
    ).toBe(0);
  });

  it('violates its Content-Security-Policy nowhere during a whole journey', async () => {
    const { link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'fr-FR' });
    await context.addInitScript(() => {
      const globals = globalThis as unknown as BrowserGlobals;
      const violations: string[] = [];
      globals.cspViolations = violations;
      globals.document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const page = await context.newPage();
    const violations = (): Promise<string[] | undefined> => page.evaluate(() => (globalThis as unknown as BrowserGlobals).cspViolations);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(link);
    await waitForHeading(page, 'Choisissez un nouveau mot de passe');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('password123');
    await page.getByLabel('Nouveau mot de passe, encore une fois').fill('password123');
    await page.getByRole('button', { name: 'Afficher les mots de passe' }).click();
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByRole('alert').getByText('Ce mot de passe ne peut pas être utilisé').waitFor();
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('Nouveau mot de passe, encore une fois').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await waitForHeading(page, 'Votre mot de passe a été modifié');
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);

    // The listener does hear a violation: an inline style attribute is refused and reported.
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body.setAttribute('style', 'color: red'));
    await expect.poll(async () => (await violations())?.length).toBe(1);
  });

  it.each(['en-US', 'nl-NL', 'es-ES', 'fr-FR'])('weighs under 30 KB in all, as a %s browser loads it', async (locale) => {
    context = await browser.newContext({ locale });
    const page = await context.newPage();
    const loads: Array<Promise<{ url: string; bytes: number }>> = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/reset')) {
        loads.push(response.body().then((body) => ({ url: response.url(), bytes: body.byteLength })));
      }
    });
    await page.goto(`${server.url}/reset`);
    // The first screen needs every module and the locale's texts, so all have loaded by then.
    await page.locator('.rp-outcome h1').waitFor();
    const loaded = await Promise.all(loads);
    const total = loaded.reduce((sum, { bytes }) => sum + bytes, 0);
    expect(loaded.map(({ url }) => new URL(url).pathname)).toEqual(
      expect.arrayContaining([
        '/reset',
        '/reset/assets/reset-page.css',
        '/reset/assets/password-form-view.js',
        `/reset/assets/messages/${locale.slice(0, 2)}.js`,
      ]),
    );
    expect(total, JSON.stringify(loaded)).toBeLessThan(PAGE_BUDGET_BYTES);
  });
});
