import type { components } from '@pwreset/legacy-openapi/generated/antel';

export type UserPasswordOutcome = components['schemas']['UserPasswordOutcome'];
export type UserPasswordError = components['schemas']['UserPasswordError'];
export type ResponseError = components['schemas']['ResponseError'];
export type AntelErrorCode = components['schemas']['ResponseStatus']['errorCode'];

/** One answer of the Antel API, before it is written as JSON or JSV. */
export interface AntelAnswer {
  readonly status: number;
  readonly body: UserPasswordOutcome | UserPasswordError;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A 200: the operation ran and `wasSuccessful` says whether it did what was asked. `systemUserId`
 * is always 0: our user ids are strings, and an id would tell `forgot` callers who has an account.
 */
export function outcomeAnswer(heading: string, description: string, wasSuccessful: boolean): AntelAnswer {
  return { status: 200, body: { systemUserId: 0, description, heading, wasSuccessful } };
}

/**
 * Any other status: the response DTO with its defaults and a `responseStatus`, as ServiceStack
 * writes an error for a request DTO. With validation errors, `errorCode` and `message` are the
 * first error's (ServiceStack's ResponseStatusUtils.CreateResponseStatus).
 */
export function errorAnswer(
  status: number,
  errorCode: AntelErrorCode,
  message: string,
  options: { readonly errors?: readonly ResponseError[]; readonly headers?: Readonly<Record<string, string>> } = {},
): AntelAnswer {
  const errors = [...(options.errors ?? [])];
  const first = errors[0];
  return {
    status,
    body: {
      systemUserId: 0,
      wasSuccessful: false,
      responseStatus: { errorCode: first?.errorCode ?? errorCode, message: first?.message ?? message, errors },
    },
    ...(options.headers ? { headers: options.headers } : {}),
  };
}
