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
  userWithResetLink,
  waitForHeading,
} from './support/reset-page-browser.js';

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

  beforeAll(async () => {
    [server, shortLivedServer, browser] = await Promise.all([startTestServer(), startTestServer({ RESET_TOKEN_TTL: '1s' }), launchChromium()]);
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
    await waitForHeading(page, 'This link has expired');
    expect(await page.locator('.rp-outcome p').textContent()).toContain('Ask for a new password reset');
    expect(await describeFocus(page)).toMatchObject({ tag: 'h1', text: 'This link has expired' });
    expect(await page.locator('form').count()).toBe(0);
    await saveScreenshot(page, 'link-expired');
  });

  it('says a link that was used has already been used', async () => {
    const { secret, link } = await userWithResetLink(server);
    await server.publicTrpc.passwordReset.complete.mutate({ token: secret, password: GOOD_PASSWORD });
    const page = await openPage(link);
    await waitForHeading(page, 'This link has already been used');
    await saveScreenshot(page, 'link-used');
  });

  it('says when a newer link replaced this one', async () => {
    const { email, link } = await userWithResetLink(server);
    await requestResetSecret(server, email);
    const page = await openPage(link);
    await waitForHeading(page, 'A newer link has been sent');
    await saveScreenshot(page, 'link-superseded');
  });

  it('says a mangled link, or one without its secret, is not valid', async () => {
    const mangled = await openPage(resetLink(server, 'A'.repeat(43)));
    await waitForHeading(mangled, 'This link is not valid');
    await saveScreenshot(mangled, 'link-invalid');
    const bare = await openPage(`${server.url}/reset`);
    await waitForHeading(bare, 'This link is not valid');
  });

  it('offers to try again when the service is busy, and then shows the form', async () => {
    const { link } = await userWithResetLink(server);
    const page = await context.newPage();
    await page.route('**/trpc/passwordReset.inspect', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify({ error: { message: 'Too many attempts; try again later.', code: -32029, data: { resetCode: 'TOO_MANY_REQUESTS', httpStatus: 429 } } }),
      }),
    );
    await page.goto(link);
    await waitForHeading(page, 'Too many attempts');
    await saveScreenshot(page, 'too-many-requests');
    await page.unroute('**/trpc/passwordReset.inspect');
    await page.getByRole('button', { name: 'Try again' }).click();
    await waitForHeading(page, 'Choose a new password');
  });

  it('says when the service is unavailable while completing, and keeps the form', async () => {
    const { link } = await userWithResetLink(server);
    const page = await openPage(link);
    await waitForHeading(page, 'Choose a new password');
    await page.route('**/trpc/passwordReset.complete', (route) =>
      route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
    );
    await page.getByLabel('New password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('New password, again').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('The service is temporarily unavailable').waitFor();
    expect(await page.locator('form').count()).toBe(1);
  });
});
