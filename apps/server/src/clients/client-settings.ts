import { LEGACY_APIS, PROVIDER_TEMPLATE_KINDS } from '@pwreset/contract/engine';
import { SUPPORTED_LOCALES } from '@pwreset/contract';
import { z } from 'zod';
import { parseDurationSeconds } from '../config/duration.js';
import { DIRECTORY_NAME } from '../config/user-directories/directory-name.js';

export const MIN_CLIENT_TTL_SECONDS = 3600;
export const MAX_CLIENT_TTL_SECONDS = 3 * 86_400;

/** https, except for localhost (a developer's machine); no fragment, since the secret goes there. */
export const clientUrlSchema = z
  .url({ error: 'must be an absolute URL' })
  .max(2048)
  .refine((text) => {
    const url = new URL(text);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (local && url.protocol === 'http:');
  }, 'must be https (http only for localhost)')
  .refine((text) => new URL(text).hash === '' && !text.includes('#'), 'must not have a #fragment (the secret goes there)')
  .refine((text) => new URL(text).username === '' && new URL(text).password === '', 'must not carry credentials');

export const clientTtlSchema = z
  .string()
  .transform((text, ctx) => {
    const seconds = parseDurationSeconds(text);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration such as 24h or 3d` });
      return z.NEVER;
    }
    return seconds;
  })
  .pipe(z.number().min(MIN_CLIENT_TTL_SECONDS, 'must be at least 1h').max(MAX_CLIENT_TTL_SECONDS, 'must be at most 3d'));

export const legacyApiListSchema = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(LEGACY_APIS, { error: `must be among ${LEGACY_APIS.join(', ')}` })))
  .transform((apis) => [...new Set(apis)]);

/** The settings an operator gives a client; every field optional on update. */
export const mailTemplateKeySchema = z
  .string()
  .regex(
    new RegExp(`^(${PROVIDER_TEMPLATE_KINDS.join('|')})\\.(${SUPPORTED_LOCALES.join('|')})$`),
    `must be <${PROVIDER_TEMPLATE_KINDS.join('|')}>.<locale>`,
  );

export const clientSettingsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  senderName: z.string().trim().min(1).max(100).optional(),
  resetUrls: z.array(clientUrlSchema).max(20).default([]),
  /** Absent: the deployment's RESET_TOKEN_TTL. */
  ttlSeconds: z.number().int().min(MIN_CLIENT_TTL_SECONDS).max(MAX_CLIENT_TTL_SECONDS).optional(),
  defaultLocale: z.enum(SUPPORTED_LOCALES),
  minPasswordLength: z.number().int().min(8, 'must be at least 8').max(64),
  legacyApis: z.array(z.enum(LEGACY_APIS)),
  webhookUrl: clientUrlSchema.optional(),
  /** SendGrid dynamic template ids by `<mail kind>.<locale>`, used instead of our templates. */
  mailTemplateIds: z
    .record(mailTemplateKeySchema, z.string().regex(/^d-[0-9a-f]{32}$/, 'must be a SendGrid dynamic template id (d-…)'))
    .optional(),
  /**
   * The user directory whose accounts the client resets (a name of USER_DIRECTORIES_FILE, which the
   * CLI and the server's start check); absent on add: `default`.
   */
  directory: z.string().regex(DIRECTORY_NAME, 'must be a directory name (letters, digits, _ and -)').optional(),
  /**
   * What the client may do on its users' behalf (see ADMIN_SCOPE): `none` (absent on add), `start`
   * (admin.startReset, links mailed) or `start-and-return` (its links may also be returned to it).
   */
  adminResets: z.enum(['none', 'start', 'start-and-return']).optional(),
});

export type ClientSettings = z.infer<typeof clientSettingsSchema>;
