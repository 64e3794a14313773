import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { TRAFFIC_OPS_ANSWER_BY_RESET_ERROR } from './trafficops-error-table.js';
import { UNSUPPORTED_API_VERSION_TEXT } from './trafficops-routes.js';
import { TRAFFIC_OPS_HEADERS } from './trafficops-responses.js';

interface MediaType {
  schema: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
  headers?: Record<string, { $ref: string }>;
}
const documentPath = createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/trafficops.openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as {
  'x-error-table': unknown;
  'x-deviations': { what: string; why: string }[];
  paths: Record<string, { post: { responses: Record<string, ResponseObject> } }>;
  components: { responses: Record<string, ResponseObject>; headers: Record<string, { schema: { const?: string } }> };
};

describe('the Traffic Ops OpenAPI document', () => {
  it('publishes the error table the router uses', () => {
    expect(document['x-error-table']).toEqual(TRAFFIC_OPS_ANSWER_BY_RESET_ERROR);
  });

  it('declares the fixed headers the router sends, with their values', () => {
    for (const [name, value] of Object.entries(TRAFFIC_OPS_HEADERS))
      expect(document.components.headers[name]?.schema.const, name).toBe(value);
  });

  it('lists each deviation with what and why', () => {
    expect(document['x-deviations'].length).toBeGreaterThan(5);
    for (const deviation of document['x-deviations']) expect(deviation).toEqual({ what: expect.any(String), why: expect.any(String) });
  });

  it('has examples that conform to their own schemas', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document, 'doc');
    const responses = [
      ...Object.entries(document.paths['/api/{version}/user/reset_password']!.post.responses).map(
        ([status, response]) => [`paths/~1api~1{version}~1user~1reset_password/post/responses/${status}`, response] as const,
      ),
      ...Object.entries(document.components.responses).map(([name, response]) => [`components/responses/${name}`, response] as const),
    ];
    let checked = 0;
    for (const [pointer, response] of responses) {
      const examples = response.content?.['application/json']?.examples ?? {};
      const validate = ajv.compile({ $ref: `doc#/${pointer.replace('{', '%7B').replace('}', '%7D')}/content/application~1json/schema` });
      for (const [name, example] of Object.entries(examples)) {
        expect(validate(example.value), `${pointer} ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(JSON.stringify(document.components.responses.UnsupportedApiVersion)).toContain(UNSUPPORTED_API_VERSION_TEXT);
  });
});
