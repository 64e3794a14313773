import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OPERATIONS_ROUTES } from '../route-templates.js';
import { traceRedisCommands } from './redis-command-spans.js';
import { scrubbedSpanExporter } from './scrubbed-span-exporter.js';
import { markTracingEnabled } from './tracing-state.js';

export interface StartTracingOptions {
  readonly exporter: SpanExporter;
  readonly serviceName: string;
  /** Export each span as it ends (tests), rather than in batches (production). */
  readonly exportEachSpan?: boolean;
}

/**
 * Registers the tracer provider and the instrumentations: HTTP in and out (our requests, and
 * SendGrid's calls through axios), Redis commands; the app adds tRPC procedure spans, BullMQ its
 * job spans, and its `fetch` calls (webhooks, alerts, the key check) spans of their own (see
 * http-spans.ts, queue-telemetry.ts, traced-fetch.ts). Must run before the app is imported.
 */
export function startTracing({ exporter, serviceName, exportEachSpan = false }: StartTracingOptions): NodeTracerProvider {
  const scrubbed = scrubbedSpanExporter(exporter);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [exportEachSpan ? new SimpleSpanProcessor(scrubbed) : new BatchSpanProcessor(scrubbed)],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => OPERATIONS_ROUTES.has((request.url ?? '').split('?')[0] ?? ''),
        // Headers and bodies are never recorded; URLs lose their query in the exporter.
        headersToSpanAttributes: {
          server: { requestHeaders: [], responseHeaders: [] },
          client: { requestHeaders: [], responseHeaders: [] },
        },
      }),
    ],
  });
  traceRedisCommands();
  markTracingEnabled();
  // Spans of the last moments would be lost to process.exit: flush when asked to stop.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void provider.forceFlush().catch(() => undefined));
  return provider;
}
