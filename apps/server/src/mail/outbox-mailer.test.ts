import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMailerConformance } from '@pwreset/contract/testing/conformance';
import { afterAll } from 'vitest';
import { readOutbox } from './outbox.js';
import { outboxMailer } from './outbox-mailer.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describeMailerConformance('the development outbox', async ({ refusing }) => {
  const root = await mkdtemp(join(tmpdir(), 'pwreset-outbox-'));
  made.push(root);
  const dir = join(root, 'outbox');
  // A transport that says no: the outbox's place is taken by a plain file, so nothing can be written there.
  if (refusing) await writeFile(dir, 'not a directory');
  return {
    mailer: outboxMailer({ dir, from: 'no-reply@pwreset.localhost' }),
    // Where the outbox is a plain file, no mail can be in it.
    delivered: async () => {
      const mails = await readOutbox(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOTDIR' ? [] : Promise.reject(error)));
      return mails.map((mail) => ({ to: mail.to, content: `${mail.from}\n${mail.subject}\n${mail.text}\n${mail.html}` }));
    },
  };
});
