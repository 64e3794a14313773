import { expect } from 'vitest';

// The validator lives in the verification kit, so the provider tests and `pnpm contract:verify`
// judge responses by the same code.
export {
  loadOpenApi,
  observe,
  openApiValidator,
  type LegacyApiName,
  type ObservedResponse,
  type OpenApiDocument,
} from '@pwreset/contract-verify';

/** Fails the test with every problem listed. */
export function expectConforms(problems: string[], what: string): void {
  expect(problems, `${what} does not conform to its OpenAPI document`).toEqual([]);
}
