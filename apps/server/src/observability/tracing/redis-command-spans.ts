import { channel } from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/** ioredis' tracing channel for commands (see redis-command-errors.ts): start, error, asyncEnd. */
const COMMAND_CHANNEL = 'tracing:ioredis:command';

/**
 * A client span per Redis command, from ioredis' own diagnostics channel. Only the command's
 * name is recorded: keys and arguments hold keyed hashes, and nothing else belongs in a trace.
 */
export function traceRedisCommands(): void {
  const tracer = trace.getTracer('pwreset-redis');
  const spans = new WeakMap<object, Span>();
  channel(`${COMMAND_CHANNEL}:start`).subscribe((message) => {
    const command = String((message as { command?: unknown }).command ?? 'command').toLowerCase();
    const span = tracer.startSpan(
      `redis ${command}`,
      { kind: SpanKind.CLIENT, attributes: { 'db.system': 'redis', 'db.operation.name': command } },
      context.active(),
    );
    spans.set(message as object, span);
  });
  channel(`${COMMAND_CHANNEL}:error`).subscribe((message) => spans.get(message as object)?.setStatus({ code: SpanStatusCode.ERROR }));
  channel(`${COMMAND_CHANNEL}:asyncEnd`).subscribe((message) => {
    spans.get(message as object)?.end();
    spans.delete(message as object);
  });
}
