import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  describeFocus,
  GOOD_PASSWORD,
  launchChromium,
  requestResetSecret,
  resetLink,
  saveScreenshot,
  settledScreen,
  userWithResetLink,
} from './support/reset-page-browser.js';

/** A link is locked after this many refused passwords (the server's RESET_SECRET_MAX_FAILED_ATTEMPTS). */
const MAX_REFUSED_PASSWORDS = 3;
/** Long enough for the page's live check, refused by the server's list of common passwords. */
const COMMON_PASSWORDS = ['password', '12345678', 'iloveyou', 'qwertyuiop'];

describe('the hosted reset page, for links that cannot be used', () => {
  let server: TestServer;
  let shortLivedServer: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  async function openPage(link: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(link);
    return page;
  }

  /** Has the server refuse `count` passwords for the secret, as a user trying them would. */
  async function refusePasswords(secret: string, count: number): Promise<void> {
    for (const password of COMMON_PASSWORDS.slice(0, count)) {
      await expect(server.publicTrpc.passwordReset.complete.mutate({ token: secret, password })).rejects.toMatchObject({
        data: { resetCode: 'PASSWORD_REJECTED' },
      });
    }
  }

  async function submitPassword(page: Page, password: string): Promise<void> {
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByLabel('New password, again').fill(password);
    await page.getByRole('button', { name: 'Change password' }).click();
  }

  beforeAll(async () => {
    [server, shortLivedServer, browser] = await Promise.all([
      startTestServer({ RESET_SECRET_MAX_FAILED_ATTEMPTS: String(MAX_REFUSED_PASSWORDS) }),
      startTestServer({ RESET_TOKEN_TTL: '1s' }),
      launchChromium(),
    ]);
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'en-GB' });
  });
  afterEach(async () => {
    await context.close();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), shortLivedServer?.close()]);
  });

  it('says an expired link has expired, with focus on that news', async () => {
    const { link } = await userWithResetLink(shortLivedServer);
    await sleep(1_100);
    const page = await openPage(link);
    expect(await settledScreen(page), 'an expired link').toEqual({ heading: 'This link has expired', showsForm: false });
    expect(await page.locator('.rp-outcome p').textContent()).toContain('Ask for a new password reset');
    expect(await describeFocus(page)).toMatchObject({ tag: 'h1', text: 'This link has expired' });
    await saveScreenshot(page, 'link-expired');
  });

  it('says a link that was used has already been used', async () => {
    const { secret, link } = await userWithResetLink(server);
    await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: GOOD_PASSWORD });
    const page = await openPage(link);
    expect(await settledScreen(page), 'a used link').toEqual({ heading: 'This link has already been used', showsForm: false });
    await saveScreenshot(page, 'link-used');
  });

  it('says when a newer link replaced this one', async () => {
    const { email, link } = await userWithResetLink(server);
    await requestResetSecret(server, email);
    const page = await openPage(link);
    expect(await settledScreen(page), 'a superseded link').toEqual({ heading: 'A newer link has been sent', showsForm: false });
    await saveScreenshot(page, 'link-superseded');
  });

  it('says a mangled link, or one without its secret, is not valid', async () => {
    const mangled = await openPage(resetLink(server, 'A'.repeat(43)));
    expect(await settledScreen(mangled), 'a mangled link').toEqual({ heading: 'This link is not valid', showsForm: false });
    await saveScreenshot(mangled, 'link-invalid');
    const bare = await openPage(`${server.url}/reset`);
    expect(await settledScreen(bare), 'a link without its secret').toEqual({ heading: 'This link is not valid', showsForm: false });
  });

  it('says a link refused too many times is locked, and why, when it is opened again', async () => {
    const { secret, link } = await userWithResetLink(server);
    await refusePasswords(secret, MAX_REFUSED_PASSWORDS);
    const page = await openPage(link);
    expect(await settledScreen(page), 'a locked link').toEqual({ heading: 'This link has been locked', showsForm: false });
    expect(await page.locator('.rp-outcome p').textContent()).toContain('Too many passwords were tried with this link');
    expect(await describeFocus(page)).toMatchObject({ tag: 'h1', text: 'This link has been locked' });
    await saveScreenshot(page, 'link-locked');
  });

  it('ends on the locked screen when the last allowed refusal happens on the page, even for a good password after it', async () => {
    const { secret, link, userId } = await userWithResetLink(server);
    await refusePasswords(secret, MAX_REFUSED_PASSWORDS - 1);
    const page = await openPage(link);
    expect(await settledScreen(page), 'the link still works').toEqual({ heading: 'Choose a new password', showsForm: true });
    await submitPassword(page, COMMON_PASSWORDS[MAX_REFUSED_PASSWORDS - 1] ?? '');
    await page.getByRole('alert').getByText('This password cannot be used').waitFor();
    expect(await page.locator('form').count(), 'a refused password keeps the form').toBe(1);
    const answered = page.waitForResponse('**/trpc/passwordReset.complete');
    await submitPassword(page, GOOD_PASSWORD);
    expect((await answered).status()).toBe(400);
    // The page replaces the form once it has read the answer; if it kept it, the assertion below says what it showed.
    await page
      .locator('form')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    expect(await settledScreen(page), 'the link after its last refusal').toEqual({
      heading: 'This link has been locked',
      showsForm: false,
    });
    expect(await server.users.verifyPassword(userId, GOOD_PASSWORD)).toBe(false);
  });

  it('offers to try again when the service is busy, and then shows the form', async () => {
    const { link } = await userWithResetLink(server);
    const page = await context.newPage();
    await page.route('**/trpc/passwordReset.inspect', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            message: 'Too many attempts; try again later.',
            code: -32029,
            data: { resetCode: 'TOO_MANY_REQUESTS', httpStatus: 429 },
          },
        }),
      }),
    );
    await page.goto(link);
    expect(await settledScreen(page), 'a busy service').toEqual({ heading: 'Too many attempts', showsForm: false });
    await saveScreenshot(page, 'too-many-requests');
    await page.unroute('**/trpc/passwordReset.inspect');
    await page.getByRole('button', { name: 'Try again' }).click();
    expect(await settledScreen(page), 'the link checked again').toEqual({ heading: 'Choose a new password', showsForm: true });
  });

  it('says when the service is unavailable while completing, and keeps the form', async () => {
    const { link } = await userWithResetLink(server);
    const page = await openPage(link);
    expect(await settledScreen(page), 'a working link').toEqual({ heading: 'Choose a new password', showsForm: true });
    await page.route('**/trpc/passwordReset.complete', (route) =>
      route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
    );
    await submitPassword(page, GOOD_PASSWORD);
    await page.getByRole('alert').getByText('The service is temporarily unavailable').waitFor();
    expect(await page.locator('form').count()).toBe(1);
  });
});
