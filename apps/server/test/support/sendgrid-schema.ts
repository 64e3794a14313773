import { z } from 'zod';

/**
 * SendGrid's v3 `POST /v3/mail/send` body, as its API reference documents it (the fields we
 * use, strictly: an unknown top-level field is a mistake on our side).
 */
const address = z.strictObject({ email: z.email(), name: z.string().min(1).optional() });

export const sendGridMailSendSchema = z
  .strictObject({
    personalizations: z
      .array(
        z.strictObject({
          to: z.array(address).min(1).max(1000),
          subject: z.string().optional(),
          custom_args: z.record(z.string(), z.string()).optional(),
          dynamic_template_data: z.record(z.string(), z.unknown()).optional(),
        }),
      )
      .min(1)
      .max(1000),
    from: address,
    subject: z.string().min(1).optional(),
    content: z
      .array(z.strictObject({ type: z.string().min(1), value: z.string().min(1) }))
      .min(1)
      // The API requires text/plain first when both are present.
      .refine((parts) => parts[0]?.type === 'text/plain', 'text/plain must come first')
      .optional(),
    template_id: z.string().optional(),
    custom_args: z.record(z.string(), z.string()).optional(),
    tracking_settings: z
      .strictObject({
        click_tracking: z.strictObject({ enable: z.boolean(), enable_text: z.boolean().optional() }).optional(),
        open_tracking: z.strictObject({ enable: z.boolean(), substitution_tag: z.string().optional() }).optional(),
      })
      .optional(),
  })
  .refine(
    (mail) => mail.template_id !== undefined || (mail.subject !== undefined && mail.content !== undefined),
    'subject and content are required without a template_id',
  );

export type SendGridMailSend = z.infer<typeof sendGridMailSendSchema>;
