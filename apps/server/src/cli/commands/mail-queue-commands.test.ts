import { describe, expect, it } from 'vitest';
import { recipientOf } from './mail-queue-commands.js';

const requestedAt = '2026-12-01T00:00:00.000Z';

describe('mail failed: whom a parked job was for', () => {
  it('names the address of a reset link or a temporary password, not a webhook', () => {
    expect(recipientOf({ type: 'reset-requested', email: 'ann@example.com', clientId: 'cl_1', requestedAt })).toBe('ann@example.com');
    expect(recipientOf({ type: 'temporary-password-requested', email: 'bob@example.com', clientId: 'cl_1', requestedAt })).toBe(
      'bob@example.com',
    );
  });

  it('names the user with the directory its id belongs to, since ids repeat across directories', () => {
    const job = { type: 'password-changed', userId: '42', directory: 'trafficops', clientId: 'cl_1', changedAt: requestedAt } as const;
    expect(recipientOf(job)).toBe('user 42 of directory trafficops');
  });

  it('names the client whose webhook it was, and nobody for an address no account can have', () => {
    const event = {
      type: 'password_reset.completed',
      eventId: 'evt_1',
      occurredAt: requestedAt,
      userId: '42',
      directory: 'default',
      clientId: 'cl_2',
    } as const;
    expect(recipientOf({ type: 'webhook', clientId: 'cl_2', event })).toBe('the webhook of client cl_2');
    expect(recipientOf({ type: 'unreachable-address-requested', clientId: 'cl_1', requestedAt })).toMatch(/^nobody/);
  });
});
