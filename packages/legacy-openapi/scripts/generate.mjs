// `pnpm --filter @pwreset/legacy-openapi generate [api]`: rewrites the Cameramanager 3.1 document from
// its swagger 2.0 source and overlay, then the TypeScript types of all four documents (or of one).
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildCameramanagerDocument, documentText, generateTypes, LEGACY_APIS, readDocument } from './openapi-generation.mjs';

const packageRoot = new URL('../', import.meta.url);
const only = process.argv[2];
if (only !== undefined && !LEGACY_APIS.includes(only)) throw new Error(`unknown API ${only}; one of ${LEGACY_APIS.join(', ')}`);
if (only === undefined || only === 'cameramanager') {
  writeFileSync(new URL('openapi/cameramanager.openapi.json', packageRoot), documentText(await buildCameramanagerDocument()));
}
mkdirSync(new URL('src/generated/', packageRoot), { recursive: true });
for (const api of only === undefined ? LEGACY_APIS : [only]) {
  writeFileSync(new URL(`src/generated/${api}.ts`, packageRoot), await generateTypes(readDocument(api)));
  console.log(`generated src/generated/${api}.ts`);
}
