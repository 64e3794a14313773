import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createOpenApiResponseValidator, type OpenApiDocument } from '@pwreset/client/testing/legacy';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpDirectoryTestServer, type HttpDirectoryTestServer } from '../testing/http-directory-test-server.js';
import { testPasswordHasher } from '../testing/test-password-hasher.js';
import { HTTP_DIRECTORY_ENDPOINTS } from './http-directory-protocol.js';
import { httpUserDirectory } from './http-user-directory.js';

const SECRET = 'a directory secret of at least thirty-two characters';

/** The document the README and @pwreset/client publish for applications. */
async function readProtocolDocument(): Promise<OpenApiDocument & { paths: Record<string, { post: { requestBody: unknown } }> }> {
  const path = createRequire(import.meta.url).resolve('@pwreset/client/directory-protocol.openapi.json');
  // Ours, in this repository; the tests below check it against the adapter and the test application.
  return JSON.parse(await readFile(path, 'utf8')) as never;
}

/** The request body's schema, following a `$ref` into components.requestBodies. */
function requestSchemaPointer(document: Awaited<ReturnType<typeof readProtocolDocument>>, endpoint: string): string {
  const requestBody = document.paths[`/${endpoint}`]?.post.requestBody as { $ref?: string };
  const base = requestBody.$ref ? requestBody.$ref.replace('#/', '').split('/') : ['paths', `/${endpoint}`, 'post', 'requestBody'];
  const escaped = [...base, 'content', 'application/json', 'schema'].map((part) =>
    encodeURIComponent(part.replace(/~/g, '~0').replace(/\//g, '~1')),
  );
  return `document#/${escaped.join('/')}`;
}

describe('the HTTP directory protocol document (packages/client/directory-protocol.openapi.json)', () => {
  let server: HttpDirectoryTestServer;
  beforeAll(async () => {
    server = await startHttpDirectoryTestServer({ secret: SECRET });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('documents exactly the endpoints the adapter calls', async () => {
    const document = await readProtocolDocument();
    expect(Object.keys(document.paths).sort()).toEqual(HTTP_DIRECTORY_ENDPOINTS.map((endpoint) => `/${endpoint}`).sort());
  });

  it('describes what the adapter sends and what the test application answers, both ways', async () => {
    const document = await readProtocolDocument();
    const responses = createOpenApiResponseValidator(document);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(document as object, 'document');

    const directory = httpUserDirectory({ name: 'app', settings: { url: server.url, secret: SECRET, timeoutMs: 2000 } });
    const id = server.addAccount({
      email: 'jane@example.com',
      name: 'Jane',
      locale: 'nl',
      passwordHash: await testPasswordHasher.hash('old 1'),
    });
    await directory.findByEmail('jane@example.com');
    await directory.findByEmail('nobody@example.com');
    await directory.findById(id);
    await directory.findById('404');
    await directory.verifyPassword(id, 'old 1');
    await directory.verifyPassword('404', 'old 1');
    await directory.setPassword(id, 'new 2');
    await directory.setPassword('404', 'new 2').catch(() => undefined);
    await directory.checkHealth();
    await httpUserDirectory({ name: 'app', settings: { url: server.url, secret: `${SECRET}!`, timeoutMs: 2000 } })
      .findById(id)
      .catch(() => undefined);

    expect(server.calls.map(({ endpoint, answer }) => `${endpoint} ${answer?.status}`)).toEqual([
      'find-by-email 200',
      'find-by-email 200',
      'find-by-id 200',
      'find-by-id 200',
      'verify-password 200',
      'verify-password 200',
      'set-password 204',
      'set-password 404',
      'health 200',
      'find-by-id 401',
    ]);
    for (const { endpoint, body, headers, answer } of server.calls) {
      const validateRequest = ajv.compile({ $ref: requestSchemaPointer(document, endpoint) });
      expect(validateRequest(JSON.parse(body)), `${endpoint} request ${JSON.stringify(validateRequest.errors)}`).toBe(true);
      expect(headers['x-request-id'], endpoint).toBeTypeOf('string');
      const status = answer?.status ?? 0;
      const problems = responses.problemsWith(`/${endpoint}`, 'post', {
        status,
        contentType: answer?.body === undefined ? null : 'application/json',
        body: answer?.body ?? '',
      });
      expect(problems, `${endpoint} ${status}`).toEqual([]);
    }
  });
});
