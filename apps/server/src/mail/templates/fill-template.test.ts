import { describe, expect, it } from 'vitest';
import { fillTemplate, toSingleLine } from './fill-template.js';

describe('fillTemplate', () => {
  it('replaces every placeholder with its value', () => {
    expect(fillTemplate('{app} said {app} to {name}.', { app: 'Shop', name: 'Ana' })).toBe('Shop said Shop to Ana.');
  });

  it('does not expand placeholders that appear inside a value', () => {
    expect(fillTemplate('Hello {name}, see {app}', { name: '{app}', app: 'Shop' })).toBe('Hello {app}, see Shop');
  });

  it('inserts values with dollar signs literally', () => {
    expect(fillTemplate('Hello {name}', { name: "$& $' $1" })).toBe("Hello $& $' $1");
  });

  it('puts a value with line breaks on one line', () => {
    expect(fillTemplate('Reset your {app} password', { app: 'Shop\r\nBcc: victim@example.com' })).toBe(
      'Reset your Shop Bcc: victim@example.com password',
    );
  });

  it('throws when a placeholder has no value', () => {
    expect(() => fillTemplate('Hello {name}', {})).toThrow('{name}');
  });
});

describe('toSingleLine', () => {
  it('keeps non-breaking spaces, which French typography needs', () => {
    expect(toSingleLine('lien\u00a0:\nsuite')).toBe('lien\u00a0: suite');
  });
});
