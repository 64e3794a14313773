import { BullMQOtel } from 'bullmq-otel';
import { isTracingEnabled } from './tracing-state.js';

/**
 * BullMQ's `telemetry` option when tracing is on: the producer's context travels in the job, so
 * the job's span is a child of the request that queued it. Nothing at all when tracing is off.
 */
export function queueTelemetry(): { telemetry?: BullMQOtel } {
  return isTracingEnabled() ? { telemetry: new BullMQOtel({ tracerName: 'pwreset-queue' }) } : {};
}
