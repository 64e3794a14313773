import type { Mailer, OutgoingMail } from '../engine/ports.js';

export interface SentMail {
  readonly mail: OutgoingMail;
  readonly idempotencyKey: string;
}

export interface RecordingMailer extends Mailer {
  /** Every mail sent, oldest first. Reset mails carry live secrets: a test's eyes only. */
  readonly sent: readonly SentMail[];
  /** The mails sent to this address, oldest first. */
  sentTo(address: string): OutgoingMail[];
  /** While refusing, send rejects as a transport that said no. */
  setRefusing(refusing: boolean): void;
  clear(): void;
}

export function recordingMailer(): RecordingMailer {
  const sent: SentMail[] = [];
  let refusing = false;
  return {
    sent,
    async send(mail, { idempotencyKey }) {
      if (refusing) throw new Error('the test mailer refused the mail');
      sent.push({ mail, idempotencyKey });
    },
    sentTo: (address) => sent.filter((entry) => entry.mail.to === address).map((entry) => entry.mail),
    setRefusing(value) {
      refusing = value;
    },
    clear() {
      sent.length = 0;
    },
  };
}
