import { describe, expect, it } from 'vitest';
import type { Mailer, OutgoingMail } from '../../engine/ports.js';

/** A mail as it reached the transport's far side: its recipient and everything it says, as text. */
export interface DeliveredMailUnderTest {
  readonly to: string;
  readonly content: string;
}

export interface MailerUnderTest {
  readonly mailer: Mailer;
  /** What reached the far side so far, oldest first. */
  delivered(): Promise<DeliveredMailUnderTest[]>;
}

/** Builds a fresh mailer whose transport accepts every mail, or refuses every mail. */
export type MakeMailer = (options: { readonly refusing: boolean }) => Promise<MailerUnderTest>;

const base = { to: 'jane@example.com', recipientName: 'Jane', locale: 'en', applicationName: 'Acme Shop', senderName: 'Acme' } as const;
const expiresAt = new Date('2026-11-24T12:00:00Z');

/** One mail of each kind, as the engine sends them. */
export const SAMPLE_MAILS = {
  'password-reset': {
    ...base,
    kind: 'password-reset',
    resetLink: `https://shop.example.com/reset#token=${'Ab-_'.repeat(10)}xyz`,
    expiresAt,
  },
  'temporary-password': { ...base, kind: 'temporary-password', temporaryPassword: 'K7M2Q9XRTA', expiresAt },
  'password-changed': {
    ...base,
    kind: 'password-changed',
    changedAt: expiresAt,
    disputeLink: `https://reset.example.com/secure#token=${'Zy-_'.repeat(10)}abc`,
  },
  'reset-code': { ...base, kind: 'reset-code', code: '40318275', expiresAt },
} as const satisfies Record<OutgoingMail['kind'], OutgoingMail>;

/** What every Mailer must do, as its port's doc comments state. One call per adapter. */
export function describeMailerConformance(adapterName: string, makeMailer: MakeMailer): void {
  describe(`${adapterName}: the mailer contract`, () => {
    it('delivers a reset mail to its recipient with the whole link, secret included', async () => {
      const { mailer, delivered } = await makeMailer({ refusing: false });
      await mailer.send(SAMPLE_MAILS['password-reset'], { idempotencyKey: 'job_1' });
      const mails = await delivered();
      expect(mails.map((mail) => mail.to)).toEqual(['jane@example.com']);
      expect(mails[0]?.content).toContain(SAMPLE_MAILS['password-reset'].resetLink);
      expect(mails[0]?.content).toContain('Acme Shop');
    });

    it('delivers a temporary password mail with the code, and a password-changed mail', async () => {
      const { mailer, delivered } = await makeMailer({ refusing: false });
      await mailer.send(SAMPLE_MAILS['temporary-password'], { idempotencyKey: 'job_1' });
      await mailer.send({ ...SAMPLE_MAILS['password-changed'], to: 'john@example.com' }, { idempotencyKey: 'job_2' });
      const mails = await delivered();
      expect(mails.map((mail) => mail.to)).toEqual(['jane@example.com', 'john@example.com']);
      expect(mails[0]?.content).toContain('K7M2Q9XRTA');
      expect(mails[1]?.content).toContain('Acme Shop');
      expect(mails[1]?.content).toContain(SAMPLE_MAILS['password-changed'].disputeLink);
    });

    it('delivers a code flow mail with its 8 digits together', async () => {
      const { mailer, delivered } = await makeMailer({ refusing: false });
      await mailer.send(SAMPLE_MAILS['reset-code'], { idempotencyKey: 'job_1' });
      const mails = await delivered();
      expect(mails.map((mail) => mail.to)).toEqual(['jane@example.com']);
      expect(mails[0]?.content).toContain('40318275');
    });

    it('rejects when the transport refuses the mail, and nothing is delivered', async () => {
      const { mailer, delivered } = await makeMailer({ refusing: true });
      await expect(mailer.send(SAMPLE_MAILS['password-reset'], { idempotencyKey: 'job_1' })).rejects.toThrow();
      expect(await delivered()).toEqual([]);
    });
  });
}
