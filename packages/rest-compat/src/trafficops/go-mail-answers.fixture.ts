import { readFileSync } from 'node:fs';
import { z } from 'zod';

// Go's own answers (scripts/record-go-mail-answers.mjs), for the tests that replay them: what
// net/mail.ParseAddress says of each address, and what traffic_ops_golang's reset_password says of
// each body ("Malformed request: …" and json.Marshal's bytes of that alert, or the address it would look up).

const goMailAnswersSchema = z.object({
  recordedWith: z.string().regex(/^go1\.\d+/),
  addresses: z.array(z.union([z.object({ input: z.string(), address: z.string() }), z.object({ input: z.string(), error: z.string() })])),
  bodies: z.array(
    z.union([z.object({ body: z.string(), address: z.string() }), z.object({ body: z.string(), alert: z.string(), envelope: z.string() })]),
  ),
});

export type GoMailAnswers = z.infer<typeof goMailAnswersSchema>;

export function readGoMailAnswers(): GoMailAnswers {
  return goMailAnswersSchema.parse(JSON.parse(readFileSync(new URL('./go-mail-answers.json', import.meta.url), 'utf8')));
}
