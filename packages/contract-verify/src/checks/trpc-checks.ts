import { isResetErrorCode, passwordPolicySchema, type ResetErrorCode } from '@pwreset/contract';
import { z } from 'zod';
import { fail, outcomeOf, pass, skip, type Check, type VerificationContext } from '../check.js';
import { mismatch, probe, type ProbedResponse } from '../http-probe.js';

const tokenResponseSchema = z.strictObject({
  access_token: z.string().min(1),
  token_type: z.literal('bearer'),
  expires_in: z.number().int().positive(),
  scope: z.string(),
});
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });
const trpcErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.number(),
    data: z.object({ resetCode: z.string().refine(isResetErrorCode, 'not one of our codes'), httpStatus: z.number() }),
  }),
});
const trpcSuccessSchema = <T extends z.ZodType>(data: T) => z.object({ result: z.object({ data }) });

/** A secret no deployment issued: well-formed, so the check reaches the store. */
const MADE_UP_SECRET = 'contract-verify-made-up-secret-000000000000'.slice(0, 43);

function trpcUrl(context: VerificationContext, procedure: string): string {
  return `${context.baseUrl}/trpc/passwordReset.${procedure}`;
}

function postJson(
  context: VerificationContext,
  procedure: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ProbedResponse> {
  return probe(context.fetch, trpcUrl(context, procedure), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Problems with a tRPC error answer: status, our code, and the headers every reset answer carries. */
function errorProblems(response: ProbedResponse, status: number, resetCode: ResetErrorCode): string[] {
  const problems: string[] = [];
  if (response.status !== status) problems.push(mismatch('status', status, response.status));
  const parsed = trpcErrorSchema.safeParse(response.json);
  if (!parsed.success) problems.push(`body is not a tRPC error of ours: ${parsed.error.issues[0]?.message ?? ''}`);
  else if (parsed.data.error.data.resetCode !== resetCode)
    problems.push(mismatch('resetCode', resetCode, parsed.data.error.data.resetCode));
  return [...problems, ...resetHeaderProblems(response)];
}

function resetHeaderProblems(response: ProbedResponse): string[] {
  const problems: string[] = [];
  if (response.headers.get('cache-control') !== 'no-store')
    problems.push(mismatch('Cache-Control', 'no-store', response.headers.get('cache-control')));
  if (response.headers.get('referrer-policy') !== 'no-referrer')
    problems.push(mismatch('Referrer-Policy', 'no-referrer', response.headers.get('referrer-policy')));
  return problems;
}

function basic(clientId: string, secret: string): string {
  return `Basic ${btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`)}`;
}

export const TRPC_CHECKS: readonly Check[] = [
  {
    contract: 'trpc',
    id: 'oauth.token.issued',
    title: 'POST /oauth/token issues a bearer token for valid client credentials',
    mutates: false,
    async run(context) {
      const response = await probe(context.fetch, `${context.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { authorization: basic(context.clientId, context.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const problems: string[] = [];
      if (response.status !== 200) problems.push(mismatch('status', 200, response.status));
      const body = tokenResponseSchema.safeParse(response.json);
      if (!body.success) problems.push(`body: ${body.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join(', ')}`);
      if (response.headers.get('cache-control') !== 'no-store')
        problems.push(mismatch('Cache-Control', 'no-store', response.headers.get('cache-control')));
      return outcomeOf(problems);
    },
  },
  {
    contract: 'trpc',
    id: 'oauth.token.invalid-client',
    title: 'POST /oauth/token refuses a wrong secret with 401 invalid_client and a Basic challenge',
    mutates: false,
    async run(context) {
      const response = await probe(context.fetch, `${context.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          authorization: basic(context.clientId, `${context.clientSecret}-wrong`),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      const body = oauthErrorSchema.safeParse(response.json);
      return outcomeOf([
        ...(response.status === 401 ? [] : [mismatch('status', 401, response.status)]),
        ...(body.success && body.data.error === 'invalid_client'
          ? []
          : [mismatch('error', 'invalid_client', body.success ? body.data.error : response.text.slice(0, 80))]),
        ...(/^Basic /.test(response.headers.get('www-authenticate') ?? '') ? [] : ['no WWW-Authenticate: Basic challenge']),
      ]);
    },
  },
  {
    contract: 'trpc',
    id: 'oauth.token.unsupported-grant',
    title: 'POST /oauth/token answers unsupported_grant_type for another grant',
    mutates: false,
    async run(context) {
      const response = await probe(context.fetch, `${context.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=password&username=a&password=b',
      });
      const body = oauthErrorSchema.safeParse(response.json);
      return outcomeOf([
        ...(response.status === 400 ? [] : [mismatch('status', 400, response.status)]),
        ...(body.success && body.data.error === 'unsupported_grant_type' ? [] : ['error is not unsupported_grant_type']),
      ]);
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.request.unauthenticated',
    title: 'passwordReset.request without a token answers 401 UNAUTHORIZED with a Bearer challenge',
    mutates: false,
    async run(context) {
      const response = await postJson(context, 'request', { email: 'contract-verify@example.invalid' });
      const challenge = response.headers.get('www-authenticate') ?? '';
      return outcomeOf([
        ...errorProblems(response, 401, 'UNAUTHORIZED'),
        ...(/^Bearer realm=/.test(challenge) && !challenge.includes('error=')
          ? []
          : [mismatch('WWW-Authenticate', 'Bearer realm=…', challenge)]),
      ]);
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.request.invalid-token',
    title: 'passwordReset.request with a bad token answers 401 with error="invalid_token"',
    mutates: false,
    async run(context) {
      const response = await postJson(
        context,
        'request',
        { email: 'contract-verify@example.invalid' },
        { authorization: 'Bearer contract-verify-not-a-token' },
      );
      return outcomeOf([
        ...errorProblems(response, 401, 'UNAUTHORIZED'),
        ...((response.headers.get('www-authenticate') ?? '').includes('error="invalid_token"')
          ? []
          : ['no error="invalid_token" in WWW-Authenticate']),
      ]);
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.request.invalid-input',
    title: 'passwordReset.request refuses a malformed address with 400 INVALID_INPUT',
    mutates: false,
    async run(context) {
      const response = await postJson(
        context,
        'request',
        { email: 'not-an-address' },
        { authorization: `Bearer ${await context.accessToken()}` },
      );
      return outcomeOf(errorProblems(response, 400, 'INVALID_INPUT'));
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.request.unknown-account',
    title: 'passwordReset.request answers { accepted: true } for an address with no account',
    mutates: false,
    async run(context) {
      const address = `contract-verify-${Date.now()}@example.invalid`;
      const response = await postJson(context, 'request', { email: address }, { authorization: `Bearer ${await context.accessToken()}` });
      const body = trpcSuccessSchema(z.strictObject({ accepted: z.literal(true) })).safeParse(response.json);
      return outcomeOf([
        ...(response.status === 200 ? [] : [mismatch('status', 200, response.status)]),
        ...(body.success ? [] : ['body is not { result: { data: { accepted: true } } }']),
        ...resetHeaderProblems(response),
      ]);
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.request.owned-address',
    title: 'passwordReset.request accepts a reset of the operator’s own address (sends a mail)',
    mutates: true,
    async run(context) {
      if (!context.email) return skip('needs --email');
      const response = await postJson(
        context,
        'request',
        { email: context.email },
        { authorization: `Bearer ${await context.accessToken()}` },
      );
      const body = trpcSuccessSchema(z.strictObject({ accepted: z.literal(true) })).safeParse(response.json);
      return response.status === 200 && body.success ? pass() : fail(`status ${response.status}, body ${response.text.slice(0, 120)}`);
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.inspect.unknown-secret',
    title: 'passwordReset.inspect answers 400 TOKEN_INVALID for a secret it never issued',
    mutates: false,
    async run(context) {
      return outcomeOf(errorProblems(await postJson(context, 'inspect', { token: MADE_UP_SECRET }), 400, 'TOKEN_INVALID'));
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.dispute.unknown-secret',
    title: 'passwordReset.dispute answers 400 TOKEN_INVALID for a secret it never issued, changing nothing',
    mutates: false,
    async run(context) {
      return outcomeOf(errorProblems(await postJson(context, 'dispute', { token: MADE_UP_SECRET }), 400, 'TOKEN_INVALID'));
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.complete.unknown-secret',
    title: 'passwordReset.complete answers 400 TOKEN_INVALID for a secret it never issued, changing nothing',
    mutates: false,
    async run(context) {
      return outcomeOf(
        errorProblems(
          await postJson(context, 'complete', { token: MADE_UP_SECRET, password: 'contract verify passphrase' }),
          400,
          'TOKEN_INVALID',
        ),
      );
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.complete.invalid-input',
    title: 'passwordReset.complete refuses a missing password with 400 INVALID_INPUT',
    mutates: false,
    async run(context) {
      return outcomeOf(errorProblems(await postJson(context, 'complete', { token: MADE_UP_SECRET }), 400, 'INVALID_INPUT'));
    },
  },
  {
    contract: 'trpc',
    id: 'trpc.policy',
    title: 'passwordReset.policy describes the password policy',
    mutates: false,
    async run(context) {
      const response = await probe(context.fetch, trpcUrl(context, 'policy'));
      const body = trpcSuccessSchema(passwordPolicySchema).safeParse(response.json);
      return outcomeOf([
        ...(response.status === 200 ? [] : [mismatch('status', 200, response.status)]),
        ...(body.success ? [] : [`body: ${body.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join(', ')}`]),
        ...resetHeaderProblems(response),
      ]);
    },
  },
];
