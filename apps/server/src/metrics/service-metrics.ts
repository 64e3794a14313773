import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcomes of a reset request at our edge: the engine's (accepted, throttled), ours (refused), or a failure. */
export const RESET_REQUEST_OUTCOMES = ['accepted', 'throttled', 'refused', 'failed'] as const;
/** Outcomes of a completion: the engine's audit outcomes, ours (refused before the engine), or a failure. */
export const RESET_COMPLETION_OUTCOMES = ['completed', 'refused', 'locked', 'throttled', 'failed'] as const;
/** What happened to one delivery attempt of a mail or webhook. */
export const DELIVERY_OUTCOMES = ['sent', 'retried', 'parked', 'dropped'] as const;

export type ResetRequestOutcome = (typeof RESET_REQUEST_OUTCOMES)[number];
export type ResetCompletionOutcome = (typeof RESET_COMPLETION_OUTCOMES)[number];
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Label value for a request no client could be named for (no or a bad credential). */
export const NO_CLIENT = 'none';

/**
 * How often prom-client samples the event loop (its `monitorEventLoopDelay` resolution), in ms: its
 * default, set here so that readers of the lag can rely on it. Node's histogram records the whole
 * interval between two samples, this one included, so an idle loop reads about 10 ms at every
 * percentile: the loop's own delay is a `nodejs_eventloop_lag_*` value less this (as the bench reads it).
 */
export const EVENT_LOOP_SAMPLING_MS = 10;

/**
 * Every metric of the service, on a registry of its own (so tests and the two processes never
 * share one). Label values are bounded: route templates, registered client ids, closed outcome
 * lists — never an address, a secret or a raw path.
 */
export function createServiceMetrics() {
  const registry = new Registry();
  // Process and Node metrics, event-loop lag included (nodejs_eventloop_lag_seconds…).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLING_MS });
  const registers = [registry];
  let readQueueJobCounts: (() => Promise<Readonly<Record<string, number>>>) | undefined;
  return {
    registry,
    httpRequests: new Counter({
      name: 'pwreset_http_requests_total',
      help: 'HTTP requests answered, by route template and status.',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'pwreset_http_request_duration_seconds',
      help: 'Time from the request to the end of its answer, by route template.',
      labelNames: ['route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    resetRequests: new Counter({
      name: 'pwreset_reset_requests_total',
      help: 'Reset requests, by client, API and outcome (accepted, throttled, refused, failed).',
      labelNames: ['client', 'api', 'outcome'] as const,
      registers,
    }),
    resetCompletions: new Counter({
      name: 'pwreset_reset_completions_total',
      help: 'Reset completions, by client, API and outcome (completed, refused, locked, throttled, failed).',
      labelNames: ['client', 'api', 'outcome'] as const,
      registers,
    }),
    unknownAccountRequests: new Counter({
      name: 'pwreset_unknown_account_requests_total',
      help: 'Accepted reset requests for an address without an account, by client (counted by the worker, after the answer).',
      labelNames: ['client'] as const,
      registers,
    }),
    mailDeliveries: new Counter({
      name: 'pwreset_mail_deliveries_total',
      help: 'Delivery attempts of mails and webhooks, by kind and outcome (sent, retried, parked, dropped).',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    mailDeliveryDuration: new Histogram({
      name: 'pwreset_mail_delivery_duration_seconds',
      help: 'Time one mail took to hand to the mail provider (or the outbox), by kind.',
      labelNames: ['kind'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    queueJobs: new Gauge({
      name: 'pwreset_queue_jobs',
      help: 'Jobs in the mail queue, by state (intake = accepted, not yet moved into the queue; waiting, active, delayed, failed = parked, completed), read at each scrape.',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        if (!readQueueJobCounts) return;
        try {
          for (const [state, count] of Object.entries(await readQueueJobCounts())) this.set({ state }, count);
        } catch {
          // Redis away: the scrape still answers (with the last counts); the Redis error counter says why.
        }
      },
    }),
    redisCommandErrors: new Counter({
      name: 'pwreset_redis_command_errors_total',
      help: 'Redis commands that failed (an error reply, a timeout or a lost connection), on every connection of the process.',
      registers,
    }),
    breachCheckFailures: new Counter({
      name: 'pwreset_breach_check_failures_total',
      help: 'Breached-password lookups that could not answer (timeout, network, status, body); the local rules decided alone.',
      labelNames: ['reason'] as const,
      registers,
    }),
    /** Where pwreset_queue_jobs reads its counts at each scrape (the queue is built after the metrics). */
    measureQueueJobsWith(read: () => Promise<Readonly<Record<string, number>>>): void {
      readQueueJobCounts = read;
    },
  };
}

export type ServiceMetrics = ReturnType<typeof createServiceMetrics>;
