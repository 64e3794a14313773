import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

interface MediaType {
  readonly schema?: unknown;
  readonly examples?: Record<string, { readonly value: unknown }>;
}

const documentPath = createRequire(import.meta.url).resolve('@pwreset/legacy-openapi/openapi/teenquotes.openapi.json');
const document = JSON.parse(readFileSync(documentPath, 'utf8')) as {
  readonly 'x-deviations': ReadonlyArray<{ what: string; why: string }>;
  readonly paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, MediaType> }> }>>;
  readonly components: { readonly responses: Record<string, { content?: Record<string, MediaType> }> };
};

/** Every response media type of the document with its JSON pointer. */
function responseMediaTypes(): Array<[string, MediaType]> {
  const found: Array<[string, MediaType]> = [];
  const collect = (pointer: string, content: Record<string, MediaType> | undefined) => {
    for (const [type, media] of Object.entries(content ?? {})) found.push([`${pointer}/content/${type.replace('/', '~1')}`, media]);
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(operation.responses))
        collect(`#/paths/${path.replaceAll('/', '~1')}/${method}/responses/${status}`, response.content);
    }
  }
  for (const [name, response] of Object.entries(document.components.responses)) collect(`#/components/responses/${name}`, response.content);
  return found;
}

describe('the Teen Quotes OpenAPI document', () => {
  const ajv = new Ajv2020({ strict: false });
  ajv.addSchema(document, 'doc');

  it('has response examples that its own schemas accept', () => {
    let examples = 0;
    for (const [pointer, media] of responseMediaTypes()) {
      const validate = ajv.compile({ $ref: `doc${pointer}/schema` });
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        examples += 1;
        expect(validate(example.value), `${pointer} example ${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    expect(examples).toBeGreaterThan(20);
  });

  it('keeps the document’s examples: its example request, its success and its error', () => {
    const text = JSON.stringify(document);
    expect(text).toContain('email=testuser@teen-quotes.com&token=lt5hrb0s5pz2_qcc4wl4k3f00000gp&password=azerty');
    expect(text).toContain('{"status":"password_reset","success":"The new password has been set."}');
    expect(text).toContain('{"status":"wrong_user","error":"The email address doesn\'t match a user."}');
    expect(text).toContain('jLJeOz8aEIsKtGSdXsqTDGxmtEduUGkZTVJBo3We');
  });

  it('lists its deviations, each with what and why', () => {
    expect(document['x-deviations'].length).toBeGreaterThan(5);
    for (const deviation of document['x-deviations']) expect(deviation.what.length * deviation.why.length).toBeGreaterThan(0);
  });
});
