import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tracedFetch } from './traced-fetch.js';

const exporter = new InMemorySpanExporter();
const PATH_SECRET = 'path-secret-29';

describe('tracedFetch', () => {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(request.url?.startsWith('/refused') ? 403 : 204).end();
  });
  let base: string;
  beforeAll(async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => exporter.reset());
  afterAll(() => {
    server.close();
    trace.disable();
  });

  it('records a client span with the method, target and status, and nothing of the URL', async () => {
    const response = await tracedFetch({ target: 'webhook', attributes: { 'pwreset.client_id': 'cl_1' } }, `${base}/${PATH_SECRET}?q=1`, {
      method: 'post',
      body: '{}',
    });
    expect(response.status).toBe(204);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('POST webhook');
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.attributes).toEqual({
      'http.request.method': 'POST',
      'pwreset.call.target': 'webhook',
      'pwreset.client_id': 'cl_1',
      'http.response.status_code': 204,
    });
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks a refusal as an error', async () => {
    await tracedFetch({ target: 'sendgrid scopes' }, `${base}/refused`);
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('GET sendgrid scopes');
    expect(span?.attributes['http.response.status_code']).toBe(403);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('records the error type of a call that fails, and rethrows it', async () => {
    const aborted = AbortSignal.abort();
    await expect(
      tracedFetch({ target: 'parked-job alert' }, `${base}/${PATH_SECRET}`, { method: 'POST', signal: aborted }),
    ).rejects.toThrow();
    const [span] = exporter.getFinishedSpans();
    expect(span?.attributes['error.type']).toBe('AbortError');
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(JSON.stringify(span?.attributes)).not.toContain(PATH_SECRET);
  });
});
