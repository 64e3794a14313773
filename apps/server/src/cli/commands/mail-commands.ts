import { z } from 'zod';
import { readOutbox } from '../../mail/outbox.js';
import { describeOptions, JSON_OPTION, type CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';

const outboxOptions = z.object({
  last: z.coerce.number().int().positive().optional(),
  json: z.boolean().default(false),
});

const OUTBOX_SPEC = { strings: ['last'], booleans: ['json'] } as const;

/** `mail outbox`: the development outbox, oldest first, each mail's text part. */
export async function showOutbox(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, outboxOptions, OUTBOX_SPEC);
  const all = await readOutbox(context.config.mailOutboxDir);
  const mails = options.last === undefined ? all : all.slice(-options.last);
  const human =
    mails.length === 0
      ? `the outbox (${context.config.mailOutboxDir}) is empty`
      : mails.map((mail) => `--- ${mail.createdAt} to ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`).join('\n');
  context.output(options.json, mails, human);
  return 0;
}

export const OUTBOX_COMMAND: CliCommand = {
  name: 'mail outbox',
  synopsis: '',
  summary: 'the development outbox (MAIL_OUTBOX_DIR), oldest first',
  options: describeOptions(OUTBOX_SPEC, { last: { value: 'N', text: 'only the last N mails' }, json: JSON_OPTION }),
  run: showOutbox,
};
