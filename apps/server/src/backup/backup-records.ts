import { KEY_ID_PATTERN, SUPPORTED_LOCALES } from '@pwreset/contract';
import { LEGACY_APIS } from '@pwreset/contract/engine';
import { z } from 'zod';
import { storedClientSchema } from '../clients/stored-client.js';
import { DIRECTORY_NAME } from '../config/user-directories/directory-name.js';
import { isSealedWebhookSigningKey } from '../signing/webhook-signing-key-sealing.js';
import { storedPasswordHashFormat } from '../users/password-hashes/index.js';

/**
 * The backup file's format (README, "Backup and restore"): JSON Lines, a header first, then one record a
 * line, each with its `kind` and this `version`. A reader of version N refuses any other version rather
 * than guess. Nothing here is a raw secret: credentials are keyed hashes, webhook signing keys are sealed,
 * passwords are their hashes.
 */
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FORMAT_NAME = 'pwreset-registries-backup';

const version = z.literal(BACKUP_FORMAT_VERSION, { error: `must be ${BACKUP_FORMAT_VERSION} (the format this version reads)` });
const timestamp = z.iso.datetime({ offset: true });

export const headerRecordSchema = z.strictObject({
  kind: z.literal('header'),
  format: z.literal(BACKUP_FORMAT_NAME),
  version,
  /** REDIS_KEY_PREFIX of the deployment backed up (restore writes under its own). */
  keyPrefix: z.string().min(1),
  createdAt: timestamp,
  /** A keyed hash of a fixed text under the current key: restore tells a different pepper before writing anything. */
  pepperCheck: z.string().min(1),
  /** The same under every key of TOKEN_PEPPERS, by key id (absent in backups from before key ids: TOKEN_PEPPER's alone). */
  keyChecks: z.record(z.string().regex(KEY_ID_PATTERN), z.string().min(1)).optional(),
});

export const clientRecordSchema = z.strictObject({
  kind: z.literal('client'),
  version,
  clientId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a client id'),
  name: z.string().min(1),
  senderName: z.string().min(1).optional(),
  resetUrls: z.array(z.string()),
  ttlSeconds: z.number().int().positive().optional(),
  defaultLocale: z.enum(SUPPORTED_LOCALES),
  minPasswordLength: z.number().int().positive(),
  legacyApis: z.array(z.enum(LEGACY_APIS)),
  webhookUrl: z.string().optional(),
  mailTemplateIds: z.record(z.string(), z.string()).optional(),
  directory: z.string().regex(DIRECTORY_NAME, 'must be a directory name'),
  /** Whether it may start admin resets, as stored: absent in files written before admin resets existed. */
  adminResets: storedClientSchema.shape.adminResets,
  secretHash: z.string().min(1),
  apiKeyHash: z.string().min(1),
  sealedWebhookSigningKey: z.string().refine(isSealedWebhookSigningKey, 'must be a sealed webhook signing key (v1:…)'),
  credentialsVersion: z.number().int().min(1),
  createdAt: z.string().min(1),
  revokedAt: z.string().min(1).optional(),
});

/** The one client serving an exclusive legacy API (Traffic Ops); its client must be in the same file. */
export const legacyBindingRecordSchema = z.strictObject({
  kind: z.literal('legacy-binding'),
  version,
  api: z.enum(LEGACY_APIS),
  clientId: z.string().min(1),
});

/** An account of an embedded directory, its hash fields as stored (users/redis-user-directory.ts). */
export const userRecordSchema = z.strictObject({
  kind: z.literal('user'),
  version,
  directory: z.string().regex(DIRECTORY_NAME, 'must be a directory name'),
  userId: z.string().min(1).max(200),
  email: z.string().min(3),
  name: z.string().optional(),
  locale: z.string().optional(),
  passwordHash: z.string().refine((hash) => storedPasswordHashFormat(hash) !== null, 'is not a password hash format this service reads'),
  disabled: z.enum(['0', '1']),
  createdAt: z.string().min(1),
  passwordChangedAt: z.string().optional(),
  passwordImported: z.enum(['0', '1']).optional(),
});

export const backupRecordSchema = z.discriminatedUnion('kind', [
  headerRecordSchema,
  clientRecordSchema,
  legacyBindingRecordSchema,
  userRecordSchema,
]);

export type HeaderRecord = z.infer<typeof headerRecordSchema>;
export type ClientRecord = z.infer<typeof clientRecordSchema>;
export type LegacyBindingRecord = z.infer<typeof legacyBindingRecordSchema>;
export type UserRecord = z.infer<typeof userRecordSchema>;
