// For tests of the built processes: `node --import file:///…/register-file-tracing.js?file=/tmp/spans.jsonl
// dist/main.js` records every span, as one JSON line each, in that file (named in the import URL,
// so the environment stays the server's), through the same startTracing as production, scrubbing
// included: an in-memory exporter that survives the process.
import { appendFileSync } from 'node:fs';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../start-tracing.js';

/** One exported span, as the tests read it. */
export interface RecordedSpan {
  readonly name: string;
  readonly kind: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: number;
}

function recordOf(span: ReadableSpan): RecordedSpan {
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
  const exporter: SpanExporter = {
    export(spans, done) {
      appendFileSync(file, spans.map((span) => `${JSON.stringify(recordOf(span))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: () => Promise.resolve(),
  };
  startTracing({ exporter, serviceName: 'pwreset-test', exportEachSpan: true });
}
