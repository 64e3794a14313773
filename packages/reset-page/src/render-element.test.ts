import { describe, expect, it } from 'vitest';
import { fillTemplate } from './render-element.js';

describe('fillTemplate', () => {
  it('puts values where their placeholders are, keeping the text around them', () => {
    expect(fillTemplate('For {email} at {app}.', { email: 'j***@example.com', app: 'Acme' })).toEqual([
      'For ',
      'j***@example.com',
      ' at ',
      'Acme',
      '.',
    ]);
  });

  it('leaves an unknown placeholder visible rather than dropping text', () => {
    expect(fillTemplate('Until {time}.', {})).toEqual(['Until ', '{time}', '.']);
  });

  it('treats values as data: markup in a value stays text', () => {
    expect(fillTemplate('{app}', { app: '<img src=x onerror=alert(1)>' })).toEqual(['', '<img src=x onerror=alert(1)>', '']);
  });
});
