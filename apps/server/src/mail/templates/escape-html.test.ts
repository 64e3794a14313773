import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  it('turns markup into inert text', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes both quote characters, so a value cannot leave an attribute', () => {
    expect(escapeHtml(`" onclick='x'`)).toBe('&quot; onclick=&#39;x&#39;');
  });

  it('escapes ampersands first, so existing entities are shown literally', () => {
    expect(escapeHtml('a&amp;b')).toBe('a&amp;amp;b');
  });

  it('leaves other text, including non-ASCII letters, as it is', () => {
    expect(escapeHtml('Réinitialisez l’accès à Ñandú')).toBe('Réinitialisez l’accès à Ñandú');
  });
});
