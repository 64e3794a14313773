import { describe, expect, it } from 'vitest';
import { type PasswordChangedMail, renderPasswordChangedMail } from './password-changed-mail.js';

function changedMail(overrides: Partial<PasswordChangedMail> = {}): PasswordChangedMail {
  return {
    kind: 'password-changed',
    to: 'ana@example.com',
    recipientName: 'Ana',
    locale: 'en',
    applicationName: 'Acme Shop',
    changedAt: new Date('2025-03-14T09:30:00Z'),
    ...overrides,
  };
}

const unwrap = (text: string) => text.replace(/ *\n */g, ' ');

describe('renderPasswordChangedMail', () => {
  it('says which account changed its password and when, in UTC', () => {
    const { subject, text, html } = renderPasswordChangedMail(changedMail());
    const notice = /The password of your Acme Shop account was changed on March 14, 2025 at 9:30\sAM UTC\./;
    expect(subject).toBe('Your Acme Shop password was changed');
    expect(unwrap(text)).toMatch(notice);
    expect(html).toMatch(notice);
  });

  it('sends a reader who did not do it to the application’s own “forgot password” and support', () => {
    const { text } = renderPasswordChangedMail(changedMail());
    expect(unwrap(text)).toContain(
      'If this wasn’t you, reset your password again right away with “Forgot password?” on the Acme Shop sign-in page, and contact Acme Shop support.',
    );
  });

  it('contains no link at all', () => {
    const { text, html } = renderPasswordChangedMail(changedMail());
    expect(html).not.toMatch(/href=|https?:|<(img|link|script|style)\b/i);
    expect(text).not.toMatch(/https?:/i);
  });

  it('escapes a hostile application name and recipient name in the HTML', () => {
    const { html } = renderPasswordChangedMail(changedMail({ applicationName: '<script>steal()</script>', recipientName: '"><b>Ana' }));
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;steal()&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;b&gt;Ana');
  });

  it('follows the locale in the lang attribute and in the words', () => {
    const { subject, html, text } = renderPasswordChangedMail(changedMail({ locale: 'es' }));
    expect(html).toContain('<html lang="es">');
    expect(subject).toBe('Se ha cambiado tu contraseña de Acme Shop');
    expect(unwrap(text)).toContain('se cambió el 14 de marzo de 2025 a las 9:30 UTC.');
  });
});
