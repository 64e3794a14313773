import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** One mail as the development outbox keeps it: a JSON file a person and a test can read. */
export const outboxMailSchema = z.object({
  id: z.string(),
  kind: z.string(),
  to: z.string(),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.string(),
});

export type OutboxMail = z.infer<typeof outboxMailSchema>;

let writtenByThisProcess = 0;

export async function writeOutboxMail(dir: string, mail: Omit<OutboxMail, 'id' | 'createdAt'>): Promise<OutboxMail> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const createdAt = new Date().toISOString();
  // The timestamp first, so a directory listing is in sending order; then this process's sequence
  // number, since two mails of one millisecond would otherwise be listed in the order of their kinds.
  writtenByThisProcess += 1;
  const sequence = String(writtenByThisProcess).padStart(9, '0');
  const id = `${createdAt.replace(/[:.]/g, '-')}-${sequence}-${mail.kind}-${randomBytes(4).toString('hex')}`;
  const stored: OutboxMail = { id, createdAt, ...mail };
  // 0600: the reset mail carries a live secret; only its owner may read it. Written aside and
  // renamed, so a reader never sees half a mail.
  const partial = join(dir, `.${id}.partial`);
  await writeFile(partial, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, join(dir, `${id}.json`));
  return stored;
}

/** Every mail in the outbox, oldest first; an absent outbox is an empty one. */
export async function readOutbox(dir: string): Promise<OutboxMail[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files = names.filter((name) => name.endsWith('.json')).sort();
  return Promise.all(files.map(async (name) => outboxMailSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8')))));
}
