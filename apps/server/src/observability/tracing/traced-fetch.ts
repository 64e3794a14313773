import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

const tracer = trace.getTracer('pwreset-fetch');

/** What names an outgoing call in its span: bounded values only, never a URL, address or secret. */
export interface TracedCall {
  /** The span's name after the method, e.g. `webhook` → `POST webhook`. */
  readonly target: string;
  /** More attributes, e.g. the client id; the values must be bounded and hold no secret. */
  readonly attributes?: Attributes;
}

/**
 * `fetch` (undici) in a client span, as the HTTP instrumentation gives SendGrid's axios calls:
 * the HTTP instrumentation does not see undici. The span records the method, the target's name,
 * the status and the error type, and nothing of the URL: a webhook URL may carry a secret in its
 * path (as Slack's do), and none of it belongs in a trace. No trace header is sent to the target.
 * Without tracing, the API is a no-op and this costs a function call.
 */
export async function tracedFetch(call: TracedCall, url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  return tracer.startActiveSpan(
    `${method} ${call.target}`,
    { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'pwreset.call.target': call.target, ...call.attributes } },
    async (span) => {
      try {
        const response = await fetch(url, init);
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      } catch (error) {
        span.setAttribute('error.type', error instanceof Error ? error.name : 'error');
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
