// For tests of the built processes: `node --import file:///…/record-spans-preload.mjs?file=<spans.jsonl>
// dist/main.js` records every span, one JSON line each, in that file (named in the import URL, so
// the environment stays the server's), through the same startTracing as production, scrubbing
// included: an in-memory exporter that survives the process. Plain JS: node loads it as it is.
import { appendFileSync } from 'node:fs';
import { ExportResultCode } from '@opentelemetry/core';
import { startTracing } from '../../dist/observability/tracing/start-tracing.js';

/** @param {import('@opentelemetry/sdk-trace-base').ReadableSpan} span */
function recordOf(span) {
  return {
    name: span.name,
    kind: span.kind,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    links: span.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId })),
    attributes: span.attributes,
    status: span.status.code,
  };
}

const file = new URL(import.meta.url).searchParams.get('file');
if (file) {
  const exporter = {
    export(spans, done) {
      appendFileSync(file, spans.map((span) => `${JSON.stringify(recordOf(span))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: () => Promise.resolve(),
  };
  startTracing({ exporter, serviceName: 'pwreset-test', exportEachSpan: true });
}
