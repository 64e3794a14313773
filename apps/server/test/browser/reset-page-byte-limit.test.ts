import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { launchChromium, OLD_PASSWORD, userWithResetLink, waitForHeading } from './support/reset-page-browser.js';

// A link whose user lives in a bcrypt directory: inspect's policy carries maxBytes 72. The test
// server's embedded directory has no such limit, so the browser adds it to the real answer: what
// is refused here is refused by the page itself, before anything is sent.

const MAX_BYTES = 72;

describe('the hosted reset page, for a directory that reads at most 72 bytes', () => {
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

  /** Opens the link with inspect's answer narrowed to MAX_BYTES; counts the completions the page sent. */
  async function openWithByteLimit(link: string): Promise<{ page: Page; completions: () => number }> {
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    let completions = 0;
    await page.route('**/trpc/passwordReset.inspect', async (route) => {
      const response = await route.fetch();
      const answer = (await response.json()) as { result: { data: { policy: Record<string, unknown> } } };
      answer.result.data.policy['maxBytes'] = MAX_BYTES;
      await route.fulfill({ response, json: answer });
    });
    page.on('request', (request) => {
      if (request.url().includes('/trpc/passwordReset.complete')) completions += 1;
    });
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');
    return { page, completions: () => completions };
  }

  it('states the limit, counts bytes as the user types, refuses 73 bytes itself, and sends exactly 72', async () => {
    const { userId, link } = await userWithResetLink(server);
    const { page, completions } = await openWithByteLimit(link);
    expect(await page.locator('.rp-policy').textContent()).toContain(`At most ${MAX_BYTES} bytes`);

    const newPassword = page.getByLabel('New password', { exact: true });
    const confirmation = page.getByLabel('New password, again');
    const lengthHint = page.locator('[id$="length-hint"]');
    const tooLong = `${'é'.repeat(36)}a`;
    await newPassword.fill(tooLong);
    await confirmation.fill(tooLong);
    expect(await lengthHint.textContent()).toBe('73 bytes: at most 72 bytes (some characters count as several).');
    expect(await lengthHint.getAttribute('data-status')).toBe('problem');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.locator('[id$="problem"]').textContent()).toContain('use at most 128 characters and 72 bytes');
    expect(await newPassword.getAttribute('aria-invalid')).toBe('true');
    expect(completions()).toBe(0);
    expect(await server.users.verifyPassword(userId, OLD_PASSWORD)).toBe(true);

    const exactly = 'é'.repeat(36);
    await newPassword.fill(exactly);
    await confirmation.fill(exactly);
    expect(await lengthHint.textContent()).toBe('36 characters: long enough.');
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForHeading(page, 'Your password has been changed');
    expect(completions()).toBe(1);
    expect(await server.users.verifyPassword(userId, exactly)).toBe(true);
  });
});
