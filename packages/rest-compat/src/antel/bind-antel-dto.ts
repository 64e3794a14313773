import { jsvNumber } from '@pwreset/jsv';
import { z } from 'zod';
import type { AntelFields } from './read-antel-fields.js';

/**
 * A DTO `string` property as ServiceStack binds it: text as is, a JSON number or boolean as its
 * text, null as unset. An object or a list cannot be bound to a string.
 */
const stringProperty = z
  .union([z.string(), z.number().transform(String), z.boolean().transform(String), z.null().transform(() => undefined)])
  .optional();

/**
 * A DTO `double` property: a JSON number, or text in invariant culture (JSV, forms and query
 * strings are text). Empty text is unset; anything else that is not a number fails binding.
 */
const doubleProperty = z
  .union([
    z.number(),
    z.string().transform((text, context) => {
      if (text.trim() === '') return undefined;
      const value = jsvNumber(text);
      if (value === undefined) {
        context.addIssue({ code: 'custom', message: 'not a number' });
        return z.NEVER;
      }
      return value;
    }),
    z.null().transform(() => undefined),
  ])
  .optional();

export const resetUserPasswordSchema = z.object({
  TemporaryPassword: stringProperty,
  EmailAddress: stringProperty,
  Password: stringProperty,
  PasswordConfirm: stringProperty,
  ApiKey: stringProperty,
  // Bound (a wrong type is a 400, as in ServiceStack) and otherwise unused: we keep no location.
  Latitude: doubleProperty,
  Longitude: doubleProperty,
});
export type ResetUserPasswordDto = z.infer<typeof resetUserPasswordSchema>;

export const forgotUserPasswordSchema = z.object({
  EmailAddress: stringProperty,
  ApiKey: stringProperty,
});
export type ForgotUserPasswordDto = z.infer<typeof forgotUserPasswordSchema>;

/**
 * Binds the fields to a request DTO: names case-insensitively, unknown names ignored.
 * @returns null when a value cannot be bound to its property's type (ServiceStack's RequestBindingException).
 */
export function bindAntelDto<Schema extends z.ZodObject>(schema: Schema, fields: AntelFields): z.infer<Schema> | null {
  const named: Record<string, unknown> = {};
  for (const property of Object.keys(schema.shape)) {
    const value = fields.get(property.toLowerCase());
    if (value !== undefined) named[property] = value;
  }
  const bound = schema.safeParse(named);
  return bound.success ? bound.data : null;
}
