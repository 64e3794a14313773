import { describe, expect, it } from 'vitest';
import { type PasswordResetMail, renderPasswordResetMail } from './password-reset-mail.js';

const RESET_LINK = 'https://accounts.example.com/reset?client=web&lang=en#token=Zm9v-YmFy_123';
/** The same link as it must appear inside an HTML attribute or element. */
const RESET_LINK_IN_HTML = 'https://accounts.example.com/reset?client=web&amp;lang=en#token=Zm9v-YmFy_123';
const EXPIRES_AT = new Date('2025-03-14T09:30:00Z');
const A_DAY_BEFORE = new Date('2025-03-13T09:30:00Z');

function resetMail(overrides: Partial<PasswordResetMail> = {}): PasswordResetMail {
  return {
    kind: 'password-reset',
    to: 'ana@example.com',
    recipientName: 'Ana',
    locale: 'en',
    applicationName: 'Acme Shop',
    resetLink: RESET_LINK,
    expiresAt: EXPIRES_AT,
    ...overrides,
  };
}

function resetMailWithoutName(): PasswordResetMail {
  const { recipientName: _omitted, ...mail } = resetMail();
  return mail;
}

/** The text body with its line wrapping undone, to look for whole sentences. */
const unwrap = (text: string) => text.replace(/ *\n */g, ' ');

describe('renderPasswordResetMail', () => {
  it('puts the link exactly as given on a line of its own in the text', () => {
    const { text } = renderPasswordResetMail(resetMail());
    expect(text.split('\n')).toContain(RESET_LINK);
  });

  it('uses the link, attribute-escaped, as the href of the button and of the plain link', () => {
    const { html } = renderPasswordResetMail(resetMail());
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual([RESET_LINK_IN_HTML, RESET_LINK_IN_HTML]);
    expect(html).toContain(`>${RESET_LINK_IN_HTML}</a>`);
  });

  it('loads nothing from elsewhere: the reset link is the only URL in the HTML', () => {
    const { html } = renderPasswordResetMail(resetMail());
    const urls = html.match(/https?:\/\/[^\s"'<>]+/gi) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    expect(new Set(urls)).toEqual(new Set([RESET_LINK_IN_HTML]));
    expect(html).not.toMatch(/<(img|link|script|style|iframe)\b|url\(|@import|src=/i);
  });

  it('escapes a hostile application name and recipient name in the HTML', () => {
    const { html, text } = renderPasswordResetMail(
      resetMail({ applicationName: 'Evil <script>alert("x")</script> & Co', recipientName: '<img src=x onerror=alert(1)>' }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('Hello &lt;img src=x onerror=alert(1)&gt;,');
    // Plain text is not markup: there the names stay as they are.
    expect(text).toContain('Hello <img src=x onerror=alert(1)>,');
  });

  it('keeps the subject on one line when the application name holds a line break', () => {
    const { subject } = renderPasswordResetMail(resetMail({ applicationName: 'Shop\r\nBcc: victim@example.com' }));
    expect(subject).toBe('Reset your Shop Bcc: victim@example.com password');
  });

  it('names the application that asked, in the subject and in both bodies', () => {
    const { subject, text, html } = renderPasswordResetMail(resetMail());
    const sentence = 'You (or someone else) asked to reset the password of your Acme Shop account.';
    expect(subject).toBe('Reset your Acme Shop password');
    expect(unwrap(text)).toContain(sentence);
    expect(html).toContain(sentence);
  });

  it('greets by name when the name is known and without one otherwise', () => {
    expect(renderPasswordResetMail(resetMail()).text).toMatch(/^Hello Ana,\n/);
    expect(renderPasswordResetMail(resetMailWithoutName()).text).toMatch(/^Hello,\n/);
  });

  it('says when the link expires, in UTC, and that it works only once', () => {
    const { text, html } = renderPasswordResetMail(resetMail());
    const expiry = /The link works only once and expires on March 14, 2025 at 9:30\sAM UTC\./;
    expect(unwrap(text)).toMatch(expiry);
    expect(html).toMatch(expiry);
  });

  it('adds how long the link stays valid only when the current time is passed', () => {
    expect(renderPasswordResetMail(resetMail()).text).not.toContain('hours');
    const { text, html } = renderPasswordResetMail(resetMail(), { now: A_DAY_BEFORE });
    expect(unwrap(text)).toMatch(/AM UTC \(in 24 hours\)\./);
    expect(html).toMatch(/AM UTC \(in 24 hours\)\./);
  });

  it('tells a reader who did not ask that they can ignore it', () => {
    const { text } = renderPasswordResetMail(resetMail());
    expect(unwrap(text)).toContain('If you didn’t ask for this, you can ignore this email: nothing will change.');
  });

  it('follows the locale in the lang attribute and in the words', () => {
    const { subject, html, text } = renderPasswordResetMail(resetMail({ locale: 'nl' }));
    expect(html).toContain('<html lang="nl">');
    expect(subject).toBe('Je wachtwoord voor Acme Shop opnieuw instellen');
    expect(unwrap(text)).toContain('verloopt op 14 maart 2025 om 09:30 UTC.');
  });
});
