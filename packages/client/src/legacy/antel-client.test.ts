import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseJsvObject, stringifyJsv, type JsvObject } from '@pwreset/jsv';
import type { components, paths } from '@pwreset/legacy-openapi/generated/antel';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContractHttp } from '../testing/contract-http.js';
import type { OpenApiDocument } from '../testing/openapi-response-validator.js';
import { createAntelClient } from './antel-client.js';
import { parseAntelResponse } from './antel-jsv.js';
import { LegacyApiResponseError } from './legacy-result.js';

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/antel.openapi.json'), 'utf8'),
) as OpenApiDocument;

const BASE_URL = 'https://reset.example.com';
const API_KEY = 'ak_live_3f9c2b1e';
// JSV answers are validated as the client reads them: scalars bound to the DTO's types.
const antel = createContractHttp<paths>(document, {
  baseUrl: BASE_URL,
  decodeBody: (mediaType, body) => (mediaType === 'text/jsv' ? parseAntelResponse(body) : JSON.parse(body)),
});

type Outcome = components['schemas']['UserPasswordOutcome'];
type ErrorDto = components['schemas']['UserPasswordError'];

interface SeenRequest {
  readonly contentType: string | null;
  readonly accept: string | null;
  readonly body: string;
}
const seen: SeenRequest[] = [];

/** Reads the DTO as ServiceStack would, from JSON or JSV, and remembers what came over the wire. */
async function readDto(request: Request): Promise<Record<string, unknown>> {
  const body = await request.text();
  const contentType = request.headers.get('content-type');
  seen.push({ contentType, accept: request.headers.get('accept'), body });
  return contentType?.startsWith('text/jsv') ? parseJsvObject(body) : (JSON.parse(body) as Record<string, unknown>);
}

/** Answers in the format the request asked for (`Accept`), as the service does. */
function answer(request: Request, status: number, dto: Outcome | ErrorDto, headers: Record<string, string> = {}): Response {
  if (request.headers.get('accept') === 'text/jsv') {
    return new Response(stringifyJsv(dto as unknown as JsvObject), {
      status,
      headers: { ...headers, 'content-type': 'text/jsv; charset=utf-8' },
    });
  }
  return Response.json(dto, { status, headers });
}

const unauthorized: ErrorDto = {
  systemUserId: 0,
  wasSuccessful: false,
  responseStatus: { errorCode: 'Unauthorized', message: 'The ApiKey is missing or not valid.', errors: [] },
};

const forgot = antel.post('/user/password/forgot', async ({ request, response }) => {
  const dto = await readDto(request);
  if (dto.ApiKey !== API_KEY) return response.untyped(answer(request, 401, unauthorized));
  if (!dto.EmailAddress) {
    const message = "'Email Address' must not be empty.";
    return response.untyped(
      answer(request, 400, {
        systemUserId: 0,
        wasSuccessful: false,
        responseStatus: {
          errorCode: 'NotEmpty',
          message,
          errors: [{ errorCode: 'NotEmpty', fieldName: 'EmailAddress', message, meta: { PropertyName: 'Email Address' } }],
        },
      }),
    );
  }
  if (dto.EmailAddress === 'nobody@example.com') {
    return response.untyped(
      answer(request, 200, {
        systemUserId: 0,
        description: 'There is no account with this email address.',
        heading: 'No account',
        wasSuccessful: false,
      }),
    );
  }
  return response.untyped(
    answer(request, 200, {
      systemUserId: 0,
      description: 'We have emailed you a temporary password. Use it to choose a new password; it works once and expires within an hour.',
      heading: 'Temporary password sent',
      wasSuccessful: true,
    }),
  );
});

const reset = antel.post('/user/password/reset', async ({ request, response }) => {
  const dto = await readDto(request);
  if (dto.ApiKey !== API_KEY) return response.untyped(answer(request, 401, unauthorized));
  if (dto.Password !== dto.PasswordConfirm) {
    const message = "'Password Confirm' must be equal to 'Password'.";
    return response.untyped(
      answer(request, 400, {
        systemUserId: 0,
        wasSuccessful: false,
        responseStatus: {
          errorCode: 'Equal',
          message,
          errors: [
            {
              errorCode: 'Equal',
              fieldName: 'PasswordConfirm',
              message,
              meta: { PropertyName: 'Password Confirm', ComparisonProperty: 'Password' },
            },
          ],
        },
      }),
    );
  }
  if (dto.TemporaryPassword !== 'K7M2XQ9PRT') {
    return response.untyped(
      answer(request, 200, {
        systemUserId: 0,
        description: 'The temporary password is not valid. Check the one in the latest email we sent you, or ask for a new one.',
        heading: 'Invalid temporary password',
        wasSuccessful: false,
      }),
    );
  }
  return response.untyped(
    answer(request, 200, {
      systemUserId: 0,
      description: 'Your password has been changed. Sign in with your new password.',
      heading: 'Password changed',
      wasSuccessful: true,
    }),
  );
});

const server = setupServer(forgot, reset);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  expect(antel.drift).toEqual([]);
  seen.length = 0;
});
afterAll(() => server.close());

const resetRequest = {
  TemporaryPassword: 'K7M2XQ9PRT',
  EmailAddress: 'ana@example.com',
  Password: 'correct horse battery staple',
  PasswordConfirm: 'correct horse battery staple',
  Latitude: -34.9011,
  Longitude: -56.1645,
};

describe('createAntelClient, in JSON', () => {
  const client = createAntelClient({ baseUrl: BASE_URL, apiKey: API_KEY });

  it('asks for a temporary password, sending its ApiKey in the DTO', async () => {
    const result = await client.requestTemporaryPassword({ EmailAddress: 'ana@example.com' });
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      data: { systemUserId: 0, heading: 'Temporary password sent', wasSuccessful: true },
    });
    expect(seen).toEqual([
      {
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({ EmailAddress: 'ana@example.com', ApiKey: API_KEY }),
      },
    ]);
  });

  it('surfaces an unknown account as 200 wasSuccessful: false, as Antel’s clients expect', async () => {
    const result = await client.requestTemporaryPassword({ EmailAddress: 'nobody@example.com' });
    expect(result).toMatchObject({ ok: true, status: 200, data: { heading: 'No account', wasSuccessful: false } });
  });

  it('surfaces a missing address as 400 NotEmpty', async () => {
    const result = await client.requestTemporaryPassword({ EmailAddress: '' });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: { responseStatus: { errorCode: 'NotEmpty', errors: [{ fieldName: 'EmailAddress' }] } },
    });
  });

  it('surfaces a refused API key as 401 Unauthorized', async () => {
    const result = await createAntelClient({ baseUrl: BASE_URL, apiKey: 'ak_revoked' }).resetPassword(resetRequest);
    expect(result).toMatchObject({
      ok: false,
      status: 401,
      error: { wasSuccessful: false, responseStatus: { errorCode: 'Unauthorized' } },
    });
  });

  it('resets the password with the temporary one', async () => {
    const result = await client.resetPassword(resetRequest);
    expect(result).toMatchObject({ ok: true, status: 200, data: { heading: 'Password changed', wasSuccessful: true } });
  });

  it('surfaces a wrong temporary password as 200 wasSuccessful: false', async () => {
    const result = await client.resetPassword({ ...resetRequest, TemporaryPassword: 'ZZZZZZZZZZ' });
    expect(result).toMatchObject({ ok: true, status: 200, data: { heading: 'Invalid temporary password', wasSuccessful: false } });
  });

  it('surfaces a confirmation that differs as 400 Equal, one error per failed rule', async () => {
    const result = await client.resetPassword({ ...resetRequest, PasswordConfirm: 'something else entirely' });
    expect(result).toMatchObject({
      ok: false,
      status: 400,
      error: {
        wasSuccessful: false,
        responseStatus: { errorCode: 'Equal', errors: [expect.objectContaining({ errorCode: 'Equal', fieldName: 'PasswordConfirm' })] },
      },
    });
  });

  it('surfaces throttling as 429 with Retry-After', async () => {
    server.use(
      antel.post('/user/password/reset', ({ response }) =>
        response(429).json(
          {
            systemUserId: 0,
            wasSuccessful: false,
            responseStatus: { errorCode: 'TooManyRequests', message: 'Too many attempts; try again later.', errors: [] },
          },
          { headers: { 'Retry-After': '30' } },
        ),
      ),
    );
    const result = await client.resetPassword(resetRequest);
    expect(result).toMatchObject({ ok: false, status: 429, error: { responseStatus: { errorCode: 'TooManyRequests' } } });
    expect(result.headers.get('retry-after')).toBe('30');
  });
});

describe('createAntelClient, in JSV', () => {
  const client = createAntelClient({ baseUrl: BASE_URL, apiKey: API_KEY, format: 'jsv' });
  const jsonClient = createAntelClient({ baseUrl: BASE_URL, apiKey: API_KEY });

  it('sends the DTO as text/jsv and asks for JSV back', async () => {
    await client.resetPassword(resetRequest);
    expect(seen).toEqual([
      {
        contentType: 'text/jsv',
        accept: 'text/jsv',
        body: '{TemporaryPassword:K7M2XQ9PRT,EmailAddress:ana@example.com,Password:correct horse battery staple,PasswordConfirm:correct horse battery staple,Latitude:-34.9011,Longitude:-56.1645,ApiKey:ak_live_3f9c2b1e}',
      },
    ]);
  });

  it('reads a JSV answer into the same typed result as the JSON one: wasSuccessful a boolean, systemUserId a number', async () => {
    const fromJsv = await client.resetPassword(resetRequest);
    const fromJson = await jsonClient.resetPassword(resetRequest);
    expect(seen.map((request) => request.accept)).toEqual(['text/jsv', 'application/json']);
    expect(fromJsv).toMatchObject({ ok: true, status: 200, data: { systemUserId: 0, wasSuccessful: true } });
    expect(fromJsv.ok && fromJsv.data).toEqual(fromJson.ok && fromJson.data);
  });

  it('reads quoted JSV strings (a description with a comma) and False', async () => {
    const result = await client.resetPassword({ ...resetRequest, TemporaryPassword: 'ZZZZZZZZZZ' });
    expect(result).toMatchObject({
      ok: true,
      data: {
        wasSuccessful: false,
        description: 'The temporary password is not valid. Check the one in the latest email we sent you, or ask for a new one.',
      },
    });
  });

  it('reads JSV error answers: validation errors and a refused API key', async () => {
    const invalid = await client.requestTemporaryPassword({ EmailAddress: '' });
    expect(invalid).toMatchObject({
      ok: false,
      status: 400,
      error: {
        systemUserId: 0,
        wasSuccessful: false,
        responseStatus: { errorCode: 'NotEmpty', errors: [{ fieldName: 'EmailAddress', meta: { PropertyName: 'Email Address' } }] },
      },
    });
    const refused = await createAntelClient({ baseUrl: BASE_URL, apiKey: 'ak_revoked', format: 'jsv' }).requestTemporaryPassword({
      EmailAddress: 'ana@example.com',
    });
    expect(refused).toMatchObject({
      ok: false,
      status: 401,
      error: { wasSuccessful: false, responseStatus: { errorCode: 'Unauthorized', errors: [] } },
    });
  });

  it('reads the document’s own JSV example verbatim', async () => {
    const example = '{systemUserId:0,description:There is no account with this email address.,heading:No account,wasSuccessful:False}';
    server.use(
      antel.post('/user/password/forgot', ({ response }) =>
        response.untyped(new HttpResponse(example, { headers: { 'content-type': 'text/jsv; charset=utf-8' } })),
      ),
    );
    const result = await client.requestTemporaryPassword({ EmailAddress: 'nobody@example.com' });
    expect(result).toMatchObject({ ok: true, data: { systemUserId: 0, heading: 'No account', wasSuccessful: false } });
  });

  it('throws a LegacyApiResponseError for a JSV answer that does not parse', async () => {
    server.use(
      antel.untyped.post(
        `${BASE_URL}/user/password/forgot`,
        () => new HttpResponse('[not, an, object]', { headers: { 'content-type': 'text/jsv' } }),
      ),
    );
    await expect(client.requestTemporaryPassword({ EmailAddress: 'ana@example.com' })).rejects.toBeInstanceOf(LegacyApiResponseError);
  });
});
