import { SUPPORTED_LOCALES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { renderTemporaryPasswordMail, type TemporaryPasswordMail } from './temporary-password-mail.js';

const TEMPORARY_PASSWORD = 'q7<Vx&"9Lm';
const NOW = new Date('2025-03-13T09:30:00Z');

function temporaryPasswordMail(overrides: Partial<TemporaryPasswordMail> = {}): TemporaryPasswordMail {
  return {
    to: 'ana@example.com',
    recipientName: 'Ana',
    locale: 'en',
    applicationName: 'Acme Shop',
    temporaryPassword: TEMPORARY_PASSWORD,
    expiresAt: new Date('2025-03-14T09:30:00Z'),
    ...overrides,
  };
}

const unwrap = (text: string) => text.replace(/ *\n */g, ' ');

describe('renderTemporaryPasswordMail', () => {
  it('puts the password exactly as given on a line of its own in the text', () => {
    const { text } = renderTemporaryPasswordMail(temporaryPasswordMail());
    expect(text.split('\n')).toContain(TEMPORARY_PASSWORD);
  });

  it('escapes the password in the HTML', () => {
    const { html } = renderTemporaryPasswordMail(temporaryPasswordMail());
    expect(html).toContain('>q7&lt;Vx&amp;&quot;9Lm</p>');
  });

  it('keeps the password out of the subject and the preheader, which notifications show', () => {
    const { subject, html } = renderTemporaryPasswordMail(temporaryPasswordMail({ temporaryPassword: 'Secret42' }));
    const preheader = /<div style="display:none[^>]*>([^<]*)<\/div>/.exec(html)?.[1];
    expect(preheader).toBe('Sign in with this temporary password and choose a new one.');
    expect(subject).not.toContain('Secret42');
  });

  it('says when the password expires, in UTC and, given the current time, from now', () => {
    const { text } = renderTemporaryPasswordMail(temporaryPasswordMail({ locale: 'fr' }), { now: NOW });
    expect(unwrap(text)).toContain('Le mot de passe temporaire expire le 14 mars 2025 à 09:30 UTC (dans 24 heures).');
  });

  it('contains no URL and escapes a hostile application name', () => {
    const { html } = renderTemporaryPasswordMail(temporaryPasswordMail({ applicationName: '<script>x</script>' }));
    expect(html).not.toMatch(/https?:|href=|<script/i);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it.each(SUPPORTED_LOCALES)('renders the %s mail as kept in the snapshot files', async (locale) => {
    const { subject, text, html } = renderTemporaryPasswordMail(temporaryPasswordMail({ locale }), { now: NOW });
    expect(html).toContain(`<html lang="${locale}">`);
    await expect(html).toMatchFileSnapshot(`./__snapshots__/temporary-password.${locale}.html`);
    await expect(`Subject: ${subject}\n\n${text}`).toMatchFileSnapshot(`./__snapshots__/temporary-password.${locale}.txt`);
  });
});
