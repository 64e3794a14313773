import type { Attributes } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Attributes naming the end user's network address: never exported. */
const ADDRESS_ATTRIBUTES: ReadonlySet<string> = new Set([
  'client.address',
  'http.client_ip',
  'net.peer.ip',
  'net.sock.peer.addr',
  'network.peer.address',
  'user_agent.original',
  'http.user_agent',
]);
/** Attributes holding a URL or a target: kept without their query string, which may hold anything. */
const URL_ATTRIBUTES: ReadonlySet<string> = new Set(['http.url', 'http.target', 'url.full']);
const EMAIL_ADDRESS = /[^\s@/?#]+@[^\s@/?#]+\.[^\s@/?#]+/;

export function scrubAttributes(attributes: Attributes): Attributes {
  const scrubbed: Attributes = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (ADDRESS_ATTRIBUTES.has(name) || name === 'url.query') continue;
    if (typeof value === 'string' && EMAIL_ADDRESS.test(value)) continue;
    scrubbed[name] = URL_ATTRIBUTES.has(name) && typeof value === 'string' ? value.replace(/[?#].*$/, '') : value;
  }
  return scrubbed;
}

/**
 * The exporter behind a last line of defence: whatever an instrumentation records, no query
 * string, end-user address or email address leaves the process (spans are otherwise unchanged).
 */
export function scrubbedSpanExporter(inner: SpanExporter): SpanExporter {
  return {
    export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void) {
      const scrubbed = spans.map(
        (span) => Object.create(span, { attributes: { value: scrubAttributes(span.attributes), enumerable: true } }) as ReadableSpan,
      );
      inner.export(scrubbed, resultCallback);
    },
    shutdown: () => inner.shutdown(),
    ...(inner.forceFlush ? { forceFlush: () => inner.forceFlush?.() ?? Promise.resolve() } : {}),
  };
}
