import { z } from 'zod';
import { redisUserDirectory } from '../../users/redis-user-directory.js';
import type { CliContext } from '../cli-context.js';
import { parseOptions } from '../parse-options.js';

export const DEMO_USER = { email: 'demo@example.com', password: 'demo-password-1', name: 'Demo User', locale: 'en' } as const;

const seedOptions = z.object({ json: z.boolean().default(false) });

/** `demo seed`: creates the demo account once (idempotent) and prints how to try a reset. */
export async function seedDemo(context: CliContext, args: readonly string[]): Promise<number> {
  const options = parseOptions(args, seedOptions, { strings: [], booleans: ['json'] });
  const users = redisUserDirectory({ redis: await context.redis(), keys: context.keys });
  const existing = await users.findByEmail(DEMO_USER.email);
  const userId = existing?.id ?? (await users.createUser(DEMO_USER).then((result) => (result.created ? result.userId : null)));
  const { publicBaseUrl, mailOutboxDir, sendgrid } = context.config;
  const human = [
    '',
    `Demo ready${existing ? ' (already seeded)' : ''}.`,
    `  Demo user:  ${DEMO_USER.email}  (password: ${DEMO_USER.password})`,
    '',
    '  Ask for a reset:',
    `    curl -s -X POST ${publicBaseUrl}/trpc/passwordReset.request \\`,
    `      -H 'content-type: application/json' -d '{"email":"${DEMO_USER.email}"}'`,
    '',
    sendgrid
      ? '  Mails go through SendGrid.'
      : `  Mails appear in ${mailOutboxDir}/ (read them with: pnpm cli mail outbox); the server also prints each reset link.`,
    `  Check the new password afterwards: pnpm cli users check-password --email ${DEMO_USER.email} --password '<new password>'`,
    '',
  ].join('\n');
  context.output(options.json, { userId, email: DEMO_USER.email, created: !existing }, human);
  return 0;
}
