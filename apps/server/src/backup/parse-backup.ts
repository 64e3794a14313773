import { normalizeEmail } from '@pwreset/contract';
import type { UserDirectoriesConfig } from '../config/user-directories/load-user-directories.js';
import type { WebhookSigningKeySealer } from '../signing/webhook-signing-key-sealing.js';
import {
  backupRecordSchema,
  BACKUP_FORMAT_NAME,
  type ClientRecord,
  type HeaderRecord,
  type LegacyBindingRecord,
  type UserRecord,
} from './backup-records.js';
import type { KeyRing } from '../tokens/key-ring.js';
import { backupKeyProblems } from './pepper-check.js';

export interface ParsedBackup {
  readonly header: HeaderRecord;
  readonly clients: readonly ClientRecord[];
  readonly legacyBindings: readonly LegacyBindingRecord[];
  readonly users: readonly UserRecord[];
}

export interface ParseBackupOptions {
  /** The restoring deployment's keys: each key the backup names must be the same key here. */
  readonly keyRing: KeyRing;
  readonly sealer: WebhookSigningKeySealer;
  /** USER_DIRECTORIES_FILE as loaded: clients must be bound to one of them, users must belong to an embedded one. */
  readonly userDirectories: UserDirectoriesConfig;
}

/** Problems listed at most: enough to see a pattern, not a wall of text for a wholly wrong file. */
const MAX_PROBLEMS = 20;

/**
 * Checks a whole backup before anything is written: every line against its schema, then what spans lines
 * (duplicates, bindings to clients of the file, the pepper, the directories). Every problem names its line
 * and never quotes a value, since a value may be a hash.
 */
export function parseBackup(
  text: string,
  { keyRing, sealer, userDirectories }: ParseBackupOptions,
): { ok: true; backup: ParsedBackup } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  let header: HeaderRecord | undefined;
  const clients = new Map<string, { line: number; record: ClientRecord }>();
  const legacyBindings: { line: number; record: LegacyBindingRecord }[] = [];
  const users: { line: number; record: UserRecord }[] = [];
  const usersSeen = new Set<string>();
  const addressesSeen = new Set<string>();

  let firstRecord = true;
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (lineText.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch {
      // Never the parser's message: it quotes the text around the error.
      problems.push(`line ${line}: not valid JSON`);
      return;
    }
    const parsed = backupRecordSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(
        `line ${line}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ')}`,
      );
      return;
    }
    const record = parsed.data;
    if (firstRecord && record.kind !== 'header') problems.push(`line ${line}: the first record must be the header (kind "header")`);
    firstRecord = false;
    switch (record.kind) {
      case 'header':
        if (header !== undefined) problems.push(`line ${line}: a second header`);
        else problems.push(...backupKeyProblems(keyRing, record).map((problem) => `line ${line}: ${problem}`));
        header ??= record;
        return;
      case 'client':
        if (clients.has(record.clientId)) problems.push(`line ${line}: client ${record.clientId} appears twice`);
        if (record.revokedAt === undefined && !Object.hasOwn(userDirectories, record.directory)) {
          problems.push(
            `line ${line}: client ${record.clientId} is bound to user directory "${record.directory}", which USER_DIRECTORIES_FILE does not name`,
          );
        }
        for (const keyId of new Set([keyRing.keyIdOf(record.secretHash), keyRing.keyIdOf(record.apiKeyHash)])) {
          // A hash under a key this deployment lacks would never match: the credential would be dead.
          if (keyId === null || !keyRing.has(keyId)) {
            problems.push(
              `line ${line}: client ${record.clientId}'s credentials are hashed under key ${keyId ?? '(unreadable)'}, which this deployment does not hold`,
            );
          }
        }
        try {
          sealer.open(record.clientId, record.sealedWebhookSigningKey);
        } catch (error) {
          problems.push(`line ${line}: ${error instanceof Error ? error.message : 'the webhook signing key cannot be decrypted'}`);
        }
        clients.set(record.clientId, { line, record });
        return;
      case 'legacy-binding':
        legacyBindings.push({ line, record });
        return;
      case 'user': {
        const identity = `${record.directory}:${record.userId}`;
        const address = `${record.directory}:${normalizeEmail(record.email)}`;
        if (usersSeen.has(identity)) problems.push(`line ${line}: user ${record.userId} of "${record.directory}" appears twice`);
        if (addressesSeen.has(address)) problems.push(`line ${line}: a second user of "${record.directory}" with the same address`);
        if (userDirectories[record.directory]?.kind !== 'redis') {
          problems.push(`line ${line}: user directory "${record.directory}" is not an embedded (redis) directory of USER_DIRECTORIES_FILE`);
        }
        usersSeen.add(identity);
        addressesSeen.add(address);
        users.push({ line, record });
        return;
      }
    }
  });

  const boundApis = new Set<string>();
  for (const { line, record } of legacyBindings) {
    const client = clients.get(record.clientId)?.record;
    if (boundApis.has(record.api)) problems.push(`line ${line}: a second binding of ${record.api}`);
    else if (!client) problems.push(`line ${line}: ${record.api} is bound to client ${record.clientId}, which the file does not hold`);
    else if (client.revokedAt !== undefined || !client.legacyApis.includes(record.api)) {
      problems.push(`line ${line}: ${record.api} is bound to client ${record.clientId}, which does not serve it`);
    }
    boundApis.add(record.api);
  }
  if (header === undefined && problems.length === 0)
    problems.push(`the file holds no header: it is not a backup made by pnpm cli backup (${BACKUP_FORMAT_NAME})`);

  if (problems.length > 0 || header === undefined) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
    return { ok: false, problems: shown };
  }
  return {
    ok: true,
    backup: {
      header,
      clients: [...clients.values()].map((entry) => entry.record),
      legacyBindings: legacyBindings.map((entry) => entry.record),
      users: users.map((entry) => entry.record),
    },
  };
}
