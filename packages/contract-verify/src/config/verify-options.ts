import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CONTRACTS, type ContractName } from '../check.js';

/**
 * The environment variables the kit reads. The secrets may come from here instead of the command
 * line, so a CI log's echo of the command never shows them; an option given on the command line wins.
 */
export const SECRET_ENVIRONMENT = { 'client-secret': 'PWRESET_CLIENT_SECRET', 'api-key': 'PWRESET_API_KEY' } as const;

export const USAGE = `usage: pnpm contract:verify --base-url URL --client-id ID [--client-secret S]
         [--api-key K] [--email ADDRESS] [--only ${CONTRACTS.join(',')}] [--junit FILE]

  --base-url URL        the deployment to check (http or https)
  --client-id ID        a client registered on it (pnpm cli clients add)
  --client-secret S     its secret; or set ${SECRET_ENVIRONMENT['client-secret']} (keeps it out of the command line)
  --api-key K           its API key, for Antel's checks; or set ${SECRET_ENVIRONMENT['api-key']}
  --email ADDRESS       an address you own: the request-side checks run too and mail it
  --only A,B            only these contracts (${CONTRACTS.join(', ')})
  --junit FILE          also write a JUnit XML report
  --help                this text

Without --email only checks that change nothing run. Checks of a legacy API the client is not
registered for (client.whoami says which) are skipped: "client not registered for trafficops".
Exit codes: 0 every check passed, 1 a check failed, 2 usage error or the URL is not this service.`;

const STRING_OPTIONS = ['base-url', 'client-id', 'client-secret', 'api-key', 'email', 'only', 'junit'] as const;

const optionsSchema = z.object({
  'base-url': z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  'client-id': z.string().min(1, 'is required'),
  'client-secret': z.string({ error: `is required (or set ${SECRET_ENVIRONMENT['client-secret']})` }).min(1, 'is required'),
  'api-key': z.string().min(1).optional(),
  email: z.email().optional(),
  only: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(CONTRACTS, { error: `must be among ${CONTRACTS.join(', ')}` })).min(1))
    .optional(),
  junit: z.string().min(1).optional(),
});

export interface VerifyCommandOptions {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey?: string;
  readonly email?: string;
  readonly only?: readonly ContractName[];
  readonly junitFile?: string;
}

export type VerifyCommandLine =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly problems: readonly string[] }
  | { readonly kind: 'run'; readonly options: VerifyCommandOptions };

/** The command line and the environment, validated together: every problem at once. */
export function parseVerifyCommandLine(argv: readonly string[], environment: Record<string, string | undefined>): VerifyCommandLine {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(STRING_OPTIONS.map((name) => [name, { type: 'string' }] as const)),
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { kind: 'usage-error', problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help) return { kind: 'help' };
  const fromEnvironment = Object.fromEntries(
    Object.entries(SECRET_ENVIRONMENT).flatMap(([option, variable]) => (environment[variable] ? [[option, environment[variable]]] : [])),
  );
  const parsed = optionsSchema.safeParse({ ...fromEnvironment, ...values });
  if (!parsed.success)
    return { kind: 'usage-error', problems: parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`) };
  const options = parsed.data;
  return {
    kind: 'run',
    options: {
      baseUrl: options['base-url'],
      clientId: options['client-id'],
      clientSecret: options['client-secret'],
      ...(options['api-key'] ? { apiKey: options['api-key'] } : {}),
      ...(options.email ? { email: options.email } : {}),
      ...(options.only ? { only: options.only } : {}),
      ...(options.junit ? { junitFile: options.junit } : {}),
    },
  };
}

/** For the entry point: this process's command line and environment. */
export function readVerifyCommandLine(): VerifyCommandLine {
  return parseVerifyCommandLine(process.argv.slice(2), process.env);
}
