import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CAMERAMANAGER_ERRORS } from './cameramanager-error-codes.js';

interface Example {
  readonly value: unknown;
}
interface MediaType {
  readonly schema?: unknown;
  readonly examples?: Record<string, Example>;
}
interface ResponseObject {
  readonly content?: Record<string, MediaType>;
}
/** The committed 3.1 document, as far as these checks read it. */
interface Document {
  readonly 'x-error-codes': { code: number; status: number; name: string; title: string }[];
  readonly 'x-deviations': { what: string; why: string }[];
  readonly paths: Record<
    string,
    Record<string, { requestBody: { content: Record<string, MediaType> }; responses: Record<string, ResponseObject | { $ref: string }> }>
  >;
  readonly components: { responses: Record<string, ResponseObject> };
}

const documentPath = createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/cameramanager.openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as Document;
const responseOf = (response: ResponseObject | { $ref: string }): ResponseObject =>
  '$ref' in response ? document.components.responses[response.$ref.replace('#/components/responses/', '')]! : response;

describe('the Cameramanager OpenAPI document', () => {
  it('publishes exactly the code table the routes answer with', () => {
    const fromCode = Object.entries(CAMERAMANAGER_ERRORS).map(([name, { code, status, title }]) => ({ code, status, name, title }));
    expect(document['x-error-codes']).toEqual(fromCode);
  });

  it('declares every status of the code table: on the operation, or as an answer no operation owns', () => {
    const operation = document.paths['/passwordResets']!.post!;
    const declared = new Set([...Object.keys(operation.responses), '404', '405']);
    for (const { status } of Object.values(CAMERAMANAGER_ERRORS)) expect(declared, String(status)).toContain(String(status));
    expect(document.components.responses.unknownPath).toBeDefined();
    expect(document.components.responses.methodNotAllowed).toBeDefined();
  });

  it('gives every deviation a what and a why', () => {
    expect(document['x-deviations'].length).toBeGreaterThan(5);
    for (const deviation of document['x-deviations']) expect(Object.keys(deviation).sort()).toEqual(['what', 'why']);
  });

  it('has examples that match their own schemas, with codes and titles from the table', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document as object, 'doc');
    const operation = document.paths['/passwordResets']!.post!;
    const media: [string, MediaType][] = [['request', operation.requestBody.content['application/json']!]];
    for (const [name, response] of Object.entries(document.components.responses))
      media.push([name, responseOf(response).content?.['application/json'] ?? {}]);
    const titles = new Map<number, string>(Object.values(CAMERAMANAGER_ERRORS).map(({ code, title }) => [code, title]));
    let examples = 0;
    for (const [where, { schema, examples: named = {} }] of media) {
      if (!schema) continue;
      // The document's schemas are references into it: resolve them against the added document.
      const reference = (schema as { $ref?: string }).$ref;
      const validate = ajv.compile(reference === undefined ? (schema as object) : { $ref: `doc${reference}` });
      for (const [name, { value }] of Object.entries(named)) {
        examples += 1;
        expect(validate(value), `${where} example ${name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        const code = (value as { code?: number }).code;
        if (code !== undefined) expect((value as { title: string }).title, `${where} ${name}`).toBe(titles.get(code));
      }
    }
    expect(examples).toBeGreaterThanOrEqual(15);
  });
});
