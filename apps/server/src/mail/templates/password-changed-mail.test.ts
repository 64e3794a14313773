import { describe, expect, it } from 'vitest';
import { type PasswordChangedMail, renderPasswordChangedMail } from './password-changed-mail.js';

const DISPUTE_LINK = 'https://reset.example.com/secure#token=ZGlzcHV0ZWRzZWNyZXRkaXNwdXRlZHNlY3JldGRpc3B1dA';

function changedMail(overrides: Partial<PasswordChangedMail> = {}): PasswordChangedMail {
  return {
    kind: 'password-changed',
    to: 'ana@example.com',
    recipientName: 'Ana',
    locale: 'en',
    applicationName: 'Acme Shop',
    changedAt: new Date('2025-03-14T09:30:00Z'),
    disputeLink: DISPUTE_LINK,
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

  it('tells a reader who did not do it what securing the account does, and to contact support', () => {
    const { text } = renderPasswordChangedMail(changedMail());
    expect(unwrap(text)).toContain(
      'If this wasn’t you, secure your account right away: doing so cancels every password reset of your Acme Shop account, holds back new ones for a while and asks Acme Shop to lock the account. Then contact Acme Shop support.',
    );
  });

  it('carries the dispute link, and no other, as a button and as plain text, with its 7 days', () => {
    const { text, html } = renderPasswordChangedMail(changedMail());
    expect(text.split('\n')).toContain(DISPUTE_LINK);
    expect(text.match(/https?:\S+/g)).toEqual([DISPUTE_LINK]);
    expect([...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1])).toEqual([DISPUTE_LINK, DISPUTE_LINK]);
    expect(html).toContain('This wasn’t me: secure my account');
    expect(html).not.toMatch(/<(img|link|script|style)\b/i);
    expect(unwrap(text)).toContain('This link works for 7 days.');
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
