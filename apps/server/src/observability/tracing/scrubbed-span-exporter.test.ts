import { describe, expect, it } from 'vitest';
import { scrubAttributes } from './scrubbed-span-exporter.js';

describe('scrubAttributes', () => {
  it('keeps URLs without their query string or fragment, and drops url.query', () => {
    expect(
      scrubAttributes({
        'url.full': 'http://127.0.0.1:3000/oauth/token?client_secret=pwcs_x',
        'http.target': '/reset?probe=1#token=abc',
        'url.query': 'client_secret=pwcs_x',
        'url.path': '/oauth/token',
      }),
    ).toEqual({ 'url.full': 'http://127.0.0.1:3000/oauth/token', 'http.target': '/reset', 'url.path': '/oauth/token' });
  });

  it('drops the end user’s address and user agent, and anything that looks like an email address', () => {
    expect(
      scrubAttributes({
        'client.address': '203.0.113.9',
        'network.peer.address': '203.0.113.9',
        'user_agent.original': 'Mozilla/5.0',
        'enduser.hint': 'someone@example.com',
        'http.response.status_code': 200,
      }),
    ).toEqual({ 'http.response.status_code': 200 });
  });
});
