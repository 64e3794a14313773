import { z } from 'zod';

/**
 * The protocol between the service and an HTTP user directory (README, "HTTP user directories";
 * packages/client/directory-protocol.openapi.json): every call is a signed POST of JSON to `<url>/<endpoint>`.
 */
export const HTTP_DIRECTORY_ENDPOINTS = ['find-by-email', 'find-by-id', 'verify-password', 'set-password', 'health'] as const;
export type HttpDirectoryEndpoint = (typeof HTTP_DIRECTORY_ENDPOINTS)[number];

/** The header carrying a random id per call, for the application's logs and ours. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The webhook and audit carry the directory's own id as a string of at most 255 characters. */
const MAX_ID_LENGTH = 255;

/** An account as the application answers it; fields the protocol does not name are ignored. */
export const directoryUserSchema = z.object({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  email: z.string().trim().min(1),
  name: z.string().nullish(),
  locale: z.string().nullish(),
  disabled: z.boolean().nullish(),
});

/**
 * The envelope of find-by-email and find-by-id. The user is checked apart (directoryUserSchema):
 * a missing envelope is a malformed response, a user without id or address a malformed account.
 */
export const findUserResponseSchema = z.object({ user: z.union([z.null(), z.record(z.string(), z.unknown())]) });

export const verifyPasswordResponseSchema = z.object({ match: z.boolean() });
