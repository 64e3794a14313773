export { ALL_CHECKS } from './all-checks.js';
export { CONTRACTS, type Check, type CheckOutcome, type ContractName, type VerificationContext } from './check.js';
export { identifyService } from './identify-service.js';
export { formatJunit } from './report/junit.js';
export { formatTable } from './report/table.js';
export { runVerification, type CheckResult, type VerificationOptions, type VerificationReport } from './run-verification.js';
export {
  loadOpenApi,
  observe,
  openApiValidator,
  type LegacyApiName,
  type ObservedResponse,
  type OpenApiDocument,
} from './openapi-validator.js';
