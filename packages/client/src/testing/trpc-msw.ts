import type { PasswordRefusalReason, ResetErrorCode } from '@pwreset/contract';
import { TRPC_CODE_BY_RESET_ERROR, type AppRouter } from '@pwreset/contract/router';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { http, HttpResponse, type HttpHandler } from 'msw';

type Inputs = inferRouterInputs<AppRouter>['passwordReset'];
type Outputs = inferRouterOutputs<AppRouter>['passwordReset'];
type Procedure = keyof Outputs & string;

/** What a mocked procedure answers: its typed output, or one of our errors. */
export interface MockedRefusal {
  readonly error: ResetErrorCode;
  readonly httpStatus: number;
  readonly reasons?: readonly PasswordRefusalReason[];
}

export type MockedAnswer<P extends Procedure> = { readonly data: Outputs[P] } | MockedRefusal;

/**
 * An msw handler speaking tRPC v11's non-batched wire format for one procedure, typed by the
 * same AppRouter the client uses, so a mock cannot drift from the contract's types.
 */
export function mockProcedure<P extends Procedure>(
  baseUrl: string,
  procedure: P,
  resolve: (request: {
    input: P extends keyof Inputs ? Inputs[P] : never;
    authorization: string | null;
  }) => MockedAnswer<P> | Promise<MockedAnswer<P>>,
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
          code: TRPC_ERROR_CODES_BY_KEY[TRPC_CODE_BY_RESET_ERROR[answer.error]],
          data: {
            // The tRPC code the real router gives this reset code (the contract's table).
            code: TRPC_CODE_BY_RESET_ERROR[answer.error],
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
export function refuseWith(error: ResetErrorCode, httpStatus: number, reasons?: readonly PasswordRefusalReason[]): MockedRefusal {
  return { error, httpStatus, ...(reasons ? { reasons } : {}) };
}
