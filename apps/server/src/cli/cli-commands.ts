import type { CliCommand } from './cli-command.js';
import { AUDIT_TAIL_COMMAND } from './commands/audit-commands.js';
import { BACKUP_COMMANDS } from './commands/backup-commands.js';
import { CLIENTS_COMMANDS } from './commands/clients-commands.js';
import { DEMO_SEED_COMMAND } from './commands/demo-commands.js';
import { KEYS_STATUS_COMMAND } from './commands/keys-commands.js';
import { OUTBOX_COMMAND } from './commands/mail-commands.js';
import { MAIL_QUEUE_COMMANDS } from './commands/mail-queue-commands.js';
import { RESETS_COMMANDS } from './commands/resets-commands.js';
import { USERS_COMMANDS } from './commands/users-commands.js';

/** Every command of `pnpm cli`, in the order the overview lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  ...USERS_COMMANDS,
  ...CLIENTS_COMMANDS,
  ...RESETS_COMMANDS,
  OUTBOX_COMMAND,
  ...MAIL_QUEUE_COMMANDS,
  AUDIT_TAIL_COMMAND,
  ...BACKUP_COMMANDS,
  KEYS_STATUS_COMMAND,
  DEMO_SEED_COMMAND,
];
