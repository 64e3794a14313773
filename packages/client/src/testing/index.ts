// `@pwreset/client/testing`: msw handlers over the tRPC wire format, typed by AppRouter, for tests.
// Needs msw (an optional peer dependency).
export { answerWith, mockProcedure, refuseWith, type MockedAnswer, type MockedRefusal } from './trpc-msw.js';
