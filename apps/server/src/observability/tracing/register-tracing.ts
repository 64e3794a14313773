// Loaded with `node --import` before the entry point (see the root package.json's start and worker
// scripts): ESM modules cannot be instrumented once loaded, so this runs first. Without
// OTEL_EXPORTER_OTLP_ENDPOINT it loads nothing of OpenTelemetry and returns.
import { loadConfigOrExit } from '../../config/load-config.js';

// An invalid environment ends here, exactly as main would end it: every problem, exit code 2.
const config = loadConfigOrExit();
if (config.tracing) {
  const [{ startTracing }, { OTLPTraceExporter }] = await Promise.all([
    import('./start-tracing.js'),
    import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_HEADERS…) itself, as the spec says.
  startTracing({ exporter: new OTLPTraceExporter(), serviceName: config.tracing.serviceName });
}
