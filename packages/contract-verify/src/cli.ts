#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ALL_CHECKS } from './all-checks.js';
import { CONTRACTS } from './check.js';
import { formatJunit } from './report/junit.js';
import { formatTable } from './report/table.js';
import { runVerification } from './run-verification.js';

const USAGE = `usage: pnpm contract:verify --base-url URL --client-id ID --client-secret S
         [--api-key K] [--email ADDRESS] [--only ${CONTRACTS.join(',')}] [--junit FILE]
Without --email only checks that change nothing run; with it (an address you own) the request side runs too.
Exit codes: 0 every check passed, 1 a check failed, 2 usage error or the URL is not this service.`;

const optionsSchema = z.object({
  'base-url': z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  'client-id': z.string().min(1, 'is required'),
  'client-secret': z.string().min(1, 'is required'),
  'api-key': z.string().min(1).optional(),
  email: z.email().optional(),
  only: z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CONTRACTS, { error: `must be among ${CONTRACTS.join(', ')}` })).min(1))
    .optional(),
  junit: z.string().min(1).optional(),
});

async function main(argv: string[]): Promise<number> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(['base-url', 'client-id', 'client-secret', 'api-key', 'email', 'only', 'junit'].map((name) => [name, { type: 'string' }] as const)),
    }).values;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(`${parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const options = parsed.data;
  const report = await runVerification({
    baseUrl: options['base-url'],
    clientId: options['client-id'],
    clientSecret: options['client-secret'],
    ...(options['api-key'] ? { apiKey: options['api-key'] } : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.only ? { only: options.only } : {}),
    checks: ALL_CHECKS,
  });
  if (!report.identified) {
    process.stderr.write(`not a password-reset service: ${report.reason}\n`);
    return 2;
  }
  process.stdout.write(`${formatTable(report.results)}\n`);
  if (options.junit) await writeFile(options.junit, formatJunit(report.results));
  return report.results.some((result) => result.outcome.status === 'fail') ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
