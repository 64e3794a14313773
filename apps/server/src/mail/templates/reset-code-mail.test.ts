import { SUPPORTED_LOCALES } from '@pwreset/contract';
import { describe, expect, it } from 'vitest';
import { renderResetCodeMail, type ResetCodeMail } from './reset-code-mail.js';

const CODE = '04918273';
const NOW = new Date('2025-03-13T09:30:00Z');

function resetCodeMail(overrides: Partial<ResetCodeMail> = {}): ResetCodeMail {
  return {
    kind: 'reset-code',
    to: 'ana@example.com',
    recipientName: 'Ana',
    locale: 'en',
    applicationName: 'Acme Shop',
    code: CODE,
    expiresAt: new Date('2025-03-13T09:45:00Z'),
    ...overrides,
  };
}

describe('renderResetCodeMail', () => {
  it.each(SUPPORTED_LOCALES)('writes the 8 digits contiguous, on a line of their own, in %s, and no link', (locale) => {
    const { subject, text, html } = renderResetCodeMail(resetCodeMail({ locale }), { now: NOW });
    expect(text.split('\n')).toContain(CODE);
    expect(html).toContain(`>${CODE}</p>`);
    expect(html).not.toMatch(/https?:|href=/i);
    expect(subject).not.toContain(CODE);
    const preheader = /<div style="display:none[^>]*>([^<]*)<\/div>/.exec(html)?.[1] ?? '';
    expect(preheader).not.toContain(CODE);
    expect(preheader.length).toBeGreaterThan(10);
  });

  it('says when the code expires, from now', () => {
    const { text } = renderResetCodeMail(resetCodeMail(), { now: NOW });
    expect(text.replace(/ *\n */g, ' ')).toMatch(/expires on March 13, 2025 at 9:45 AM UTC \(in 15 minutes\)/);
  });
});
