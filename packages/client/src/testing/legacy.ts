// `@pwreset/client/testing/legacy`: contract-checked msw handlers for the legacy APIs, for tests.
// Needs msw, openapi-msw, ajv and ajv-formats (optional peer dependencies).
export { createContractHttp, MockResponseDriftError, type ContractHttp, type ContractHttpOptions } from './contract-http.js';
export {
  createOpenApiResponseValidator,
  type DecodeResponseBody,
  type OpenApiDocument,
  type OpenApiResponseValidator,
  type ResponseToValidate,
} from './openapi-response-validator.js';
