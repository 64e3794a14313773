import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  describeFocus,
  type BrowserGlobals,
  GOOD_PASSWORD,
  launchChromium,
  OLD_PASSWORD,
  saveScreenshot,
  userWithResetLink,
  waitForHeading,
} from './support/reset-page-browser.js';

describe('the hosted reset page, from the mailed link to a changed password', () => {
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

  it('shows who the link is for, takes the new password twice, and ends on "changed", with the changed mail sent', async () => {
    const { email, userId, link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(link);

    expect(await waitForHeading(page, 'Choose a new password')).toBe('Choose a new password');
    expect(await page.locator('.rp-account').textContent()).toMatch(/^For the account r\*+@example\.com at Test App\.$/);
    expect(await page.locator('.rp-expiry').textContent()).toMatch(/^This link works until .*\d{4}.*\.$/);
    expect(await page.locator('.rp-policy').textContent()).toContain('Use 8 to 128 characters.');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toBe('Reset your password');
    expect(await describeFocus(page)).toMatchObject({ tag: 'h1' });

    const newPassword = page.getByLabel('New password', { exact: true });
    const confirmation = page.getByLabel('New password, again');
    await newPassword.fill('short');
    expect(await page.locator('[id$="length-hint"]').textContent()).toBe('5 characters: 3 more needed.');
    await saveScreenshot(page, 'form-typing');
    await newPassword.fill(GOOD_PASSWORD);
    await confirmation.fill(GOOD_PASSWORD);
    expect(await page.locator('[id$="length-hint"]').textContent()).toBe('28 characters: long enough.');
    expect(await page.locator('[id$="match-hint"]').textContent()).toBe('The two passwords match.');

    const toggle = page.getByRole('button', { name: 'Show passwords' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await newPassword.getAttribute('type')).toBe('text');
    expect(await confirmation.getAttribute('type')).toBe('text');
    await saveScreenshot(page, 'form-filled');
    await toggle.click();
    expect(await newPassword.getAttribute('type')).toBe('password');

    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForHeading(page, 'Your password has been changed');
    expect(await describeFocus(page)).toMatchObject({ tag: 'h1', text: 'Your password has been changed' });
    await saveScreenshot(page, 'success');

    expect(await server.users.verifyPassword(userId, GOOD_PASSWORD)).toBe(true);
    expect(await server.users.verifyPassword(userId, OLD_PASSWORD)).toBe(false);
    const changedMail = (await server.mails()).find((mail) => mail.to === email && mail.kind === 'password-changed');
    expect(changedMail).toBeDefined();
  });

  it('explains a too-common password, keeps the form and the link, then accepts a good one', async () => {
    const { userId, link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');

    const newPassword = page.getByLabel('New password', { exact: true });
    const confirmation = page.getByLabel('New password, again');
    await newPassword.fill('password123');
    await confirmation.fill('password123');
    await page.getByRole('button', { name: 'Change password' }).click();

    const problem = page.getByRole('alert');
    await problem.getByText('This password cannot be used').waitFor();
    expect(await problem.textContent()).toContain('It is too common');
    expect(await problem.getAttribute('aria-live')).toBe('assertive');
    expect(await newPassword.inputValue()).toBe('');
    expect(await newPassword.getAttribute('aria-invalid')).toBe('true');
    expect(await describeFocus(page)).toMatchObject({ tag: 'input', id: expect.stringMatching(/new-password$/) });
    expect(await page.locator('h1').textContent()).toBe('Choose a new password');
    await saveScreenshot(page, 'password-rejected-common');

    await newPassword.fill(GOOD_PASSWORD);
    await confirmation.fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForHeading(page, 'Your password has been changed');
    expect(await server.users.verifyPassword(userId, GOOD_PASSWORD)).toBe(true);
  });

  it('checks length and the repeated entry before sending anything', async () => {
    const { link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const completions: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/trpc/passwordReset.complete')) completions.push(request.url());
    });
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');

    // Eight code points after NFKC, though sixteen UTF-16 units: long enough.
    await page.getByLabel('New password', { exact: true }).fill('😀'.repeat(8));
    expect(await page.locator('[id$="length-hint"]').textContent()).toBe('8 characters: long enough.');
    await page.getByLabel('New password', { exact: true }).fill('seven77');
    await page.getByLabel('New password, again').fill('seven78');
    expect(await page.locator('[id$="match-hint"]').textContent()).toBe('The two passwords are not the same.');
    await page.getByRole('button', { name: 'Change password' }).click();

    const problem = page.getByRole('alert');
    await problem.getByText('Check the new password').waitFor();
    expect(await problem.textContent()).toContain('It is too short: use at least 8 characters.');
    expect(await problem.textContent()).toContain('The two passwords are not the same.');
    expect(completions).toEqual([]);
    await saveScreenshot(page, 'form-live-check-failed');
  });

  it('keeps the form when the network fails, and succeeds on the next try', async () => {
    const { userId, link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');

    await page.route('**/trpc/passwordReset.complete', (route) => route.abort('internetdisconnected'));
    await page.getByLabel('New password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('New password, again').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('No connection').waitFor();
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe(GOOD_PASSWORD);
    await saveScreenshot(page, 'network-error');

    await page.unroute('**/trpc/passwordReset.complete');
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForHeading(page, 'Your password has been changed');
    expect(await server.users.verifyPassword(userId, GOOD_PASSWORD)).toBe(true);
  });

  it('works on a 360-pixel-wide phone without horizontal scrolling, and with the keyboard alone', async () => {
    const { userId, link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const scrollWidth = (): Promise<number> =>
      page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth);
    await page.goto(link);
    await waitForHeading(page, 'Choose a new password');
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'phone-form');

    await page.keyboard.press('Tab');
    expect(await describeFocus(page)).toMatchObject({ tag: 'input', id: expect.stringMatching(/new-password$/) });
    await page.keyboard.type('password123');
    await page.keyboard.press('Tab');
    expect(await describeFocus(page)).toMatchObject({ tag: 'input', id: expect.stringMatching(/confirm-password$/) });
    await page.keyboard.type('password123');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('This password cannot be used').waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'phone-password-rejected');

    // Focus is back in the first field: type, Tab, type, Tab to the toggle, Space, Tab, Enter.
    expect(await describeFocus(page)).toMatchObject({ id: expect.stringMatching(/new-password$/) });
    await page.keyboard.type(GOOD_PASSWORD);
    await page.keyboard.press('Tab');
    await page.keyboard.type(GOOD_PASSWORD);
    await page.keyboard.press('Tab');
    expect(await describeFocus(page)).toMatchObject({ tag: 'button', text: 'Show passwords' });
    await page.keyboard.press('Space');
    expect(await page.getByRole('button', { name: 'Show passwords' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await describeFocus(page)).toMatchObject({ tag: 'button', text: 'Change password' });
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Your password has been changed');
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await saveScreenshot(page, 'phone-success');
    expect(await server.users.verifyPassword(userId, GOOD_PASSWORD)).toBe(true);
  });

  it('speaks Dutch to a Dutch browser, and says so in <html lang>', async () => {
    const { link } = await userWithResetLink(server);
    context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(link);
    await waitForHeading(page, 'Kies een nieuw wachtwoord');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.title()).toBe('Stel je wachtwoord opnieuw in');
    expect(await page.locator('.rp-expiry').textContent()).toMatch(/^Deze link werkt tot .+\.$/);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('wachtwoord');
    await page.getByLabel('Nieuw wachtwoord, nogmaals').fill('anders');
    expect(await page.locator('[id$="match-hint"]').textContent()).toBe('De twee wachtwoorden zijn niet gelijk.');
    await saveScreenshot(page, 'form-nl');
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByRole('alert').getByText('Controleer het nieuwe wachtwoord').waitFor();
  });
});
