import type { ResetErrorCode } from '@pwreset/contract';
import type { AppRouter } from '@pwreset/contract/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { http, HttpResponse, type HttpHandler } from 'msw';

type Inputs = inferRouterInputs<AppRouter>['passwordReset'];
type Outputs = inferRouterOutputs<AppRouter>['passwordReset'];
type Procedure = keyof Outputs & string;

/** What a mocked procedure answers: its typed output, or one of our errors. */
export interface MockedRefusal {
  readonly error: ResetErrorCode;
  readonly httpStatus: number;
  readonly reasons?: readonly string[];
}

export type MockedAnswer<P extends Procedure> = { readonly data: Outputs[P] } | MockedRefusal;

const TRPC_CODE_BY_STATUS: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 422: 'UNPROCESSABLE_CONTENT', 429: 'TOO_MANY_REQUESTS', 503: 'SERVICE_UNAVAILABLE' };

/**
 * An msw handler speaking tRPC v11's non-batched wire format for one procedure, typed by the
 * same AppRouter the client uses, so a mock cannot drift from the contract's types.
 */
export function mockProcedure<P extends Procedure>(
  baseUrl: string,
  procedure: P,
  resolve: (request: { input: P extends keyof Inputs ? Inputs[P] : never; authorization: string | null }) => MockedAnswer<P> | Promise<MockedAnswer<P>>,
): HttpHandler {
  const method = procedure === 'policy' ? http.get : http.post;
  return method(`${baseUrl}/trpc/passwordReset.${procedure}`, async ({ request }) => {
    const input = (request.method === 'POST' ? await request.json() : undefined) as P extends keyof Inputs ? Inputs[P] : never;
    const answer = await resolve({ input, authorization: request.headers.get('authorization') });
    if ('data' in answer) return HttpResponse.json({ result: { data: answer.data } });
    return HttpResponse.json(
      {
        error: {
          message: answer.error,
          code: -32600,
          data: {
            code: TRPC_CODE_BY_STATUS[answer.httpStatus] ?? 'INTERNAL_SERVER_ERROR',
            httpStatus: answer.httpStatus,
            path: `passwordReset.${procedure}`,
            resetCode: answer.error,
            ...(answer.reasons ? { reasons: answer.reasons } : {}),
          },
        },
      },
      { status: answer.httpStatus },
    );
  });
}

/** A successful mocked answer; `const` keeps literal outputs such as `{ accepted: true }` exact. */
export function answerWith<const Data>(data: Data): { readonly data: Data } {
  return { data };
}

/** A mocked refusal with one of our codes. */
export function refuseWith(error: ResetErrorCode, httpStatus: number, reasons?: readonly string[]): MockedRefusal {
  return { error, httpStatus, ...(reasons ? { reasons } : {}) };
}
