// `pnpm --filter @pwreset/rest-compat generate`: rewrites the Cameramanager 3.1 document from its
// swagger 2.0 source and overlay, then the TypeScript types of all four documents.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildCameramanagerDocument, documentText, generateTypes, LEGACY_APIS, readDocument } from './openapi-generation.mjs';

const packageRoot = new URL('../', import.meta.url);
writeFileSync(new URL('openapi/cameramanager.openapi.json', packageRoot), documentText(await buildCameramanagerDocument()));
mkdirSync(new URL('src/generated/', packageRoot), { recursive: true });
for (const api of LEGACY_APIS) {
  writeFileSync(new URL(`src/generated/${api}.ts`, packageRoot), await generateTypes(readDocument(api)));
  console.log(`generated src/generated/${api}.ts`);
}
