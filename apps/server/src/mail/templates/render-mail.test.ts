import { SUPPORTED_LOCALES, type SupportedLocale } from '@pwreset/contract';
import type { OutgoingMail } from '@pwreset/contract/engine';
import { describe, expect, it } from 'vitest';
import { renderMail } from './render-mail.js';

const RESET_LINK = 'https://accounts.example.com/reset?client=acme-shop#token=Zm9vYmFyYmF6cXV4';
const DISPUTE_LINK = 'https://accounts.example.com/secure#token=ZGlzcHV0ZWRzZWNyZXQ';
const NOW = new Date('2025-03-13T09:30:00Z');

function mailOfKind(kind: 'password-reset' | 'password-changed', locale: SupportedLocale): OutgoingMail {
  const base = { to: 'ana@example.com', recipientName: 'Ana', locale, applicationName: 'Acme Shop' };
  return kind === 'password-reset'
    ? { ...base, kind, resetLink: RESET_LINK, expiresAt: new Date('2025-03-14T09:30:00Z') }
    : { ...base, kind, changedAt: new Date('2025-03-13T09:30:00Z'), disputeLink: DISPUTE_LINK };
}

describe('renderMail', () => {
  it('renders the reset link for a password-reset mail', () => {
    const { text } = renderMail(mailOfKind('password-reset', 'en'));
    expect(text.split('\n')).toContain(RESET_LINK);
  });

  it('renders the change notice with the dispute link, and no other, for a password-changed mail', () => {
    const { subject, text } = renderMail(mailOfKind('password-changed', 'en'));
    expect(subject).toBe('Your Acme Shop password was changed');
    expect(text.match(/https?:\S+/g)).toEqual([DISPUTE_LINK]);
  });

  const cases = (['password-reset', 'password-changed'] as const).flatMap((kind) => SUPPORTED_LOCALES.map((locale) => ({ kind, locale })));

  it.each(cases)('renders the $kind mail in $locale as kept in the snapshot files', async ({ kind, locale }) => {
    const { subject, text, html } = renderMail(mailOfKind(kind, locale), { now: NOW });
    expect(html).toContain(`<html lang="${locale}">`);
    await expect(html).toMatchFileSnapshot(`./__snapshots__/${kind}.${locale}.html`);
    await expect(`Subject: ${subject}\n\n${text}`).toMatchFileSnapshot(`./__snapshots__/${kind}.${locale}.txt`);
  });
});
