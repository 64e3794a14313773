import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCameramanagerDocument, documentText, generateTypes, LEGACY_APIS, readDocument } from './openapi-generation.mjs';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('the committed OpenAPI artefacts', () => {
  it('Cameramanager’s 3.1 document is what its swagger 2.0 source and overlay produce', async () => {
    expect(read('openapi/cameramanager.openapi.json')).toBe(documentText(await buildCameramanagerDocument()));
  });

  for (const api of LEGACY_APIS) {
    it(`the ${api} types are what openapi-typescript makes of its document (run \`pnpm generate\` if not)`, async () => {
      expect(read(`src/generated/${api}.ts`)).toBe(await generateTypes(readDocument(api)));
    });
  }

  it('every document is OpenAPI 3.1', () => {
    for (const api of LEGACY_APIS) expect(readDocument(api).openapi).toBe('3.1.0');
  });
});
